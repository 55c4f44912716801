// Issue 15: every sentence a workflow, the domain or a service writes into a record in English has its
// Chinese (src/i18n/messages/written.ts, read back by src/i18n/written.ts). This reads the source
// itself, so a new English sentence written into a record field without a template fails here,
// not first in front of a Chinese reader: each string or template literal given to a field the
// read-back translates (record-texts.ts WRITTEN_FIELDS), to a variable named like one, or as the
// text of a withdrawal or a penalty, or returned by a function named for one (breachFact), is
// filled with sample values (each choice of a conditional, a local text spelled out) and must read
// back changed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { writtenIn } from '../../src/i18n/written';

const SRC = path.join(__dirname, '../../src');
const FIELDS = new Set(['reason', 'cause', 'fact', 'note', 'voided', 'why', 'statusReason', 'withdrawn', 'summary']);
/** The calls whose second argument is a record's text: a withdrawal's cause, a penalty's fact. */
const CALLS = new Set(['withdraw', 'withdrawRights', 'penalise']);
/** The functions whose returned text a record carries (a fact, a cause, a reason, a note). */
const MAKERS = /(Fact|Cause|Reason|Note)$/;
/** Texts that never reach a reader as they are, with why. */
const NOT_READ: { text: RegExp; why: string }[] = [
  {
    text: /^not proposed automatically: clause/,
    why: "an overdue remediation notice's body: the notice is rendered from its topic's own sentences (src/notify/cycle-sentences.ts)",
  },
];

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

/**
 * The literal's texts with each ${…} as a sample value (v0x, v1x, …), or, where the ${…} chooses
 * between literals (`${provisional ? ' (…)' : ''}`) or names a local text (`${what}`), once per
 * choice; null when it is no literal.
 */
function samples(node: ts.Node, locals: Map<string, ts.Expression>): string[] | null {
  if (ts.isParenthesizedExpression(node)) return samples(node.expression, locals);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) {
    const both = [node.whenTrue, node.whenFalse].map((b) => samples(b, locals));
    return both.every((b) => b) ? (both.flat() as string[]) : null;
  }
  if (!ts.isTemplateExpression(node)) return null;
  let texts = [node.head.text];
  node.templateSpans.forEach((span, i) => {
    const e = span.expression;
    const local = ts.isIdentifier(e) ? locals.get(e.text) : undefined;
    const choices = samples(local ?? e, locals) ?? [`v${i}x`];
    texts = texts.flatMap((t) => choices.map((c) => t + c + span.literal.text));
  });
  return texts;
}

/** The English sentences a source file hands to a record's text fields. */
function written(file: string): { at: string; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { at: string; text: string }[] = [];
  const locals = new Map<string, ts.Expression>();
  source.forEachChild(function consts(c: ts.Node): void {
    if (ts.isVariableDeclaration(c) && ts.isIdentifier(c.name) && c.initializer) locals.set(c.name.text, c.initializer);
    c.forEachChild(consts);
  });
  const add = (node: ts.Node | undefined) => {
    for (const text of (node && samples(node, locals)) ?? [])
      if (/[a-z]{2,} [a-z]{2,} [a-z]{2,}/i.test(text.replace(/v\d+x/g, ''))) {
        const line = source.getLineAndCharacterOfPosition(node!.getStart()).line + 1;
        found.push({ at: `${path.relative(SRC, file)}:${line}`, text });
      }
  };
  const visit = (n: ts.Node) => {
    const named = (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.name && ts.isIdentifier(n.name);
    if (named && FIELDS.has((n.name as ts.Identifier).text)) add(n.initializer);
    // a function that makes such a text (breachFact, periodSupersededCause, goLivePendingNote): what it returns
    const fn =
      ts.isFunctionDeclaration(n) && n.name
        ? { name: n.name.text, body: n.body }
        : ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isArrowFunction(n.initializer)
          ? { name: n.name.text, body: n.initializer.body }
          : null;
    if (fn?.body && MAKERS.test(fn.name)) {
      if (!ts.isBlock(fn.body)) add(fn.body);
      else
        fn.body.forEachChild(function returns(c: ts.Node): void {
          if (ts.isReturnStatement(c)) add(c.expression);
          else if (!ts.isFunctionLike(c)) c.forEachChild(returns);
        });
    }
    if (ts.isCallExpression(n)) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
      if (ts.isIdentifier(callee) && CALLS.has(callee.text)) add(n.arguments[1]);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

const sentences = ['workflows', 'domain', 'services'].flatMap((d) => files(path.join(SRC, d))).flatMap(written);

it('when the source is read, then it hands sentences to record fields (the reading below is not vacuous)', () => {
  expect(sentences.length).toBeGreaterThan(30);
  expect(sentences.map((s) => s.text)).toContain(
    'no hospital change of MAC, IP, network or server is cited (clause 6.6)',
  );
});

it('when every English sentence the workflows, the domain and the services write into a record field is read in Chinese, then each has its template', () => {
  const untranslated = sentences
    .filter((s) => !NOT_READ.some((n) => n.text.test(s.text)))
    .filter((s) => writtenIn(s.text, 'zh-CN') === s.text)
    .map((s) => `${s.at}: ${s.text}`);
  expect(untranslated).toEqual([]);
});
