// Every place in src/ that raises an error with a message, read from the TypeScript syntax
// tree: the code and every English message the site can produce (a template's `${...}` becomes
// a sample value; a conditional of literals gives each branch). Used by the catalogue test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface ErrorSite {
  where: string;
  code: string;
  message: string;
  /** The HTTP status it is answered with; undefined when the site passes it in a variable. */
  status: number | undefined;
  /** The clause the error body cites: none, a number, or 'variable' (the case's, passed in). */
  clause: string | undefined;
}

type Arg = number | { fixed: string };
/** The HTTP status the error mapper (src/api/errors.ts) answers a raiser's error with, or the argument that states it. */
type Status = number | { arg: number; otherwise?: number };
interface Raiser {
  code: Arg;
  message: number | 'absent';
  status: Status;
  /** Where the clause it cites is: an argument, or the `clause` property of an argument's object. */
  clause?: number | { prop: number } | { fixed: string };
  /** The full message from the argument (helpers that compose it). */
  wrap?: (m: string) => string;
  /** Only in this file (helpers of the same name differ between files). */
  file?: string;
}
const RAISERS: Record<string, Raiser[]> = {
  ValidationError: [{ code: 0, message: 1, status: 400, clause: { prop: 2 } }],
  RuleViolation: [{ code: 0, message: 1, status: 409, clause: { prop: 2 } }],
  NotFoundError: [{ code: 0, message: 1, status: 404, clause: { prop: 2 } }],
  HttpError: [{ code: 1, message: 2, status: { arg: 0 }, clause: { prop: 3 } }],
  conflict: [{ code: 0, message: 1, status: 409, clause: 2 }],
  ruleViolation: [{ code: 0, message: 1, status: 409, clause: 2 }],
  need: [{ code: 1, message: 2, status: 409, clause: 3 }],
  bad: [{ code: 0, message: 1, status: { arg: 3, otherwise: 400 } }],
  forbiddenAction: [{ code: { fixed: 'FORBIDDEN' }, message: 0, status: 403, clause: 1 }],
  invalidInput: [{ code: { fixed: 'INVALID_INPUT' }, message: 1, status: 400, clause: 2 }],
  // errors.ts invalid(field, message, clause): the catalogue entries of onboarding.ts and -years.ts cite no clause yet.
  invalid: [
    ...['api/onboarding.ts', 'api/onboarding-years.ts'].map((file) => ({
      file,
      code: { fixed: 'INVALID_INPUT' },
      message: 1,
      status: 400,
      wrap: (m: string) => `x: ${m}`,
    })),
    { code: { fixed: 'INVALID_INPUT' }, message: 1, status: 400, clause: 2, wrap: (m) => `x: ${m}` },
  ],
  forbidden: [{ code: { fixed: 'FORBIDDEN' }, message: 0, status: 403, clause: { fixed: '7' } }],
  unauthorized: [{ code: { fixed: 'UNAUTHORIZED' }, message: 0, status: 401, clause: { fixed: '7' } }],
  notFound: [{ code: { fixed: 'NOT_FOUND' }, message: 0, status: 404, wrap: (m) => `${m} not found` }],
  refuse: [
    { file: 'services/ledger.ts', code: 0, message: 1, status: 409, clause: 2 },
    { file: 'workflows/service/rules.ts', code: 0, message: 1, status: 409, clause: 2, wrap: (m) => `${m} (clause x)` },
    { file: 'api/text.ts', code: { fixed: 'INVALID_TEXT' }, message: 1, status: 400, wrap: (m) => `x: ${m}` },
  ],
  malformed: [
    { file: 'api/json-body.ts', code: 0, message: 1, status: 400 },
    {
      file: 'domain/calendar.ts',
      code: { fixed: 'INVALID_CALENDAR' },
      message: 1,
      status: 400,
      wrap: (m) => `calendar year data is malformed: x ${m}`,
    },
  ],
  fail: [
    {
      file: 'domain/terms-schema.ts',
      code: { fixed: 'INVALID_TERMS' },
      message: 1,
      status: 400,
      wrap: (m) => `x: ${m} (clause x)`,
    },
  ],
};

/** The strings an expression can be, or undefined when it is not built of literals. */
function literals(e: ts.Expression): string[] | undefined {
  if (ts.isParenthesizedExpression(e)) return literals(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isConditionalExpression(e)) {
    const a = literals(e.whenTrue);
    const b = literals(e.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isTemplateExpression(e)) {
    let out = [e.head.text];
    for (const span of e.templateSpans) {
      const inner = ts.isConditionalExpression(span.expression) ? literals(span.expression) : undefined;
      const values = inner ?? ['x'];
      out = out.flatMap((s) => values.map((v) => s + v + span.literal.text));
    }
    return out;
  }
  return undefined;
}

const sameCondition = (a: ts.Expression, b: ts.Expression) =>
  ts.isConditionalExpression(a) &&
  ts.isConditionalExpression(b) &&
  a.condition.getText() === b.condition.getText() &&
  literals(a.whenTrue)?.length === 1 &&
  literals(b.whenTrue)?.length === 1;

function statusOf(status: Status, args: ts.NodeArray<ts.Expression>): number | undefined {
  if (typeof status === 'number') return status;
  const arg = args[status.arg];
  if (!arg) return status.otherwise;
  return ts.isNumericLiteral(arg) ? Number(arg.text) : undefined;
}

function clauseOf(at: Raiser['clause'], args: ts.NodeArray<ts.Expression>): string | undefined {
  if (at === undefined) return undefined;
  if (typeof at !== 'number' && 'fixed' in at) return at.fixed;
  let e: ts.Expression | undefined = typeof at === 'number' ? args[at] : args[at.prop];
  if (e && typeof at !== 'number') {
    if (!ts.isObjectLiteralExpression(e)) return e ? 'variable' : undefined;
    const p = e.properties.find((q) => q.name && ts.isIdentifier(q.name) && q.name.text === 'clause');
    if (!p) return undefined;
    e = ts.isPropertyAssignment(p) ? p.initializer : undefined;
    if (!e) return 'variable';
  }
  if (!e || e.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(e) && e.text === 'undefined'))
    return undefined;
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : 'variable';
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Sites whose code or message is a variable (a helper's parameter) are skipped: their callers are sites. */
export function errorSites(srcDir: string): ErrorSite[] {
  const out: ErrorSite[] = [];
  for (const file of sourceFiles(srcDir)) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression) && n.arguments) {
        const raiser = RAISERS[n.expression.text]?.find((r) => !r.file || r.file === rel);
        if (raiser) {
          const args = n.arguments;
          const codeArg = typeof raiser.code === 'number' ? args[raiser.code] : undefined;
          const messageArg = raiser.message === 'absent' ? undefined : args[raiser.message];
          const codes = typeof raiser.code === 'number' ? codeArg && literals(codeArg) : [raiser.code.fixed];
          const messages = messageArg && literals(messageArg);
          const where = `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
          const wrap = (m: string) => (raiser.wrap ? raiser.wrap(m) : m);
          const status = statusOf(raiser.status, args);
          const clause = clauseOf(raiser.clause, args);
          if (codeArg && messageArg && sameCondition(codeArg, messageArg) && codes && messages) {
            // `cond ? 'A' : 'B'` for the code and `cond ? msgA : msgB` for the message go together.
            codes.forEach((code, i) => out.push({ where, code, message: wrap(messages[i]!), status, clause }));
          } else {
            for (const code of codes ?? [])
              for (const m of messages ?? []) out.push({ where, code, message: wrap(m), status, clause });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return out;
}

const CODE_LIKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * Every string literal in a value position of src/ (outside the message catalogue, src/i18n)
 * that looks like an error code (UPPER_SNAKE) or is one of `known`: codes raised, mapped,
 * listed in a messages module's *_ERRORS. Type positions (`Pick<Config, 'X'>`) are skipped.
 */
export function codeLiterals(srcDir: string, known: ReadonlySet<string>): { code: string; where: string }[] {
  const out: { code: string; where: string }[] = [];
  for (const file of sourceFiles(srcDir)) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    if (rel.startsWith('i18n/')) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isTypeNode(n)) return;
      if (
        (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) &&
        (CODE_LIKE.test(n.text) || known.has(n.text))
      )
        out.push({ code: n.text, where: `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}` });
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return out;
}
