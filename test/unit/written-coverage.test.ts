// Issue 15: every sentence a workflow or the domain writes into a record in English has its
// Chinese (src/i18n/messages/written.ts, read back by src/i18n/written.ts). This reads the source
// itself, so a new English sentence written into a record field without a template fails here,
// not first in front of a Chinese reader: each string or template literal given to a field the
// read-back translates (record-texts.ts WRITTEN_FIELDS), to a variable named like one, or as the
// text of a withdrawal or a penalty, is filled with sample values and must read back changed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { writtenIn } from '../../src/i18n/written';

const SRC = path.join(__dirname, '../../src');
const FIELDS = new Set(['reason', 'cause', 'fact', 'note', 'voided', 'why', 'statusReason', 'withdrawn', 'summary']);
/** The calls whose second argument is a record's text: a withdrawal's cause, a penalty's fact. */
const CALLS = new Set(['withdraw', 'withdrawRights', 'penalise']);
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
 * between literals (`${provisional ? ' (…)' : ''}`), once per choice; null when it is no literal.
 */
function samples(node: ts.Node): string[] | null {
  if (ts.isParenthesizedExpression(node)) return samples(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (!ts.isTemplateExpression(node)) return null;
  let texts = [node.head.text];
  node.templateSpans.forEach((span, i) => {
    const e = ts.isParenthesizedExpression(span.expression) ? span.expression.expression : span.expression;
    const choices = ts.isConditionalExpression(e)
      ? [e.whenTrue, e.whenFalse].flatMap((b) => samples(b) ?? [`v${i}x`])
      : [`v${i}x`];
    texts = texts.flatMap((t) => choices.map((c) => t + c + span.literal.text));
  });
  return texts;
}

/** The English sentences a source file hands to a record's text fields. */
function written(file: string): { at: string; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { at: string; text: string }[] = [];
  const add = (node: ts.Node | undefined) => {
    for (const text of (node && samples(node)) ?? [])
      if (/[a-z]{2,} [a-z]{2,} [a-z]{2,}/i.test(text.replace(/v\d+x/g, ''))) {
        const line = source.getLineAndCharacterOfPosition(node!.getStart()).line + 1;
        found.push({ at: `${path.relative(SRC, file)}:${line}`, text });
      }
  };
  const visit = (n: ts.Node) => {
    const named = (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.name && ts.isIdentifier(n.name);
    if (named && FIELDS.has((n.name as ts.Identifier).text)) add(n.initializer);
    if (ts.isCallExpression(n)) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression;
      if (ts.isIdentifier(callee) && CALLS.has(callee.text)) add(n.arguments[1]);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

const sentences = ['workflows', 'domain'].flatMap((d) => files(path.join(SRC, d))).flatMap(written);

it('when the source is read, then it hands sentences to record fields (the reading below is not vacuous)', () => {
  expect(sentences.length).toBeGreaterThan(30);
  expect(sentences.map((s) => s.text)).toContain(
    'no hospital change of MAC, IP, network or server is cited (clause 6.6)',
  );
});

it('when every English sentence the workflows and the domain write into a record field is read in Chinese, then each has its template', () => {
  const untranslated = sentences
    .filter((s) => !NOT_READ.some((n) => n.text.test(s.text)))
    .filter((s) => writtenIn(s.text, 'zh-CN') === s.text)
    .map((s) => `${s.at}: ${s.text}`);
  expect(untranslated).toEqual([]);
});
