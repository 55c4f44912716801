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
}

type Arg = number | { fixed: string };
interface Raiser {
  code: Arg;
  message: number | 'absent';
  /** The full message from the argument (helpers that compose it). */
  wrap?: (m: string) => string;
  /** Only in this file (helpers of the same name differ between files). */
  file?: string;
}
const RAISERS: Record<string, Raiser[]> = {
  ValidationError: [{ code: 0, message: 1 }],
  RuleViolation: [{ code: 0, message: 1 }],
  NotFoundError: [{ code: 0, message: 1 }],
  HttpError: [{ code: 1, message: 2 }],
  conflict: [{ code: 0, message: 1 }],
  ruleViolation: [{ code: 0, message: 1 }],
  need: [{ code: 1, message: 2 }],
  bad: [{ code: 0, message: 1 }],
  forbiddenAction: [{ code: { fixed: 'FORBIDDEN' }, message: 0 }],
  invalidInput: [{ code: { fixed: 'INVALID_INPUT' }, message: 1 }],
  forbidden: [{ code: { fixed: 'FORBIDDEN' }, message: 0 }],
  unauthorized: [{ code: { fixed: 'UNAUTHORIZED' }, message: 0 }],
  notFound: [{ code: { fixed: 'NOT_FOUND' }, message: 0, wrap: (m) => `${m} not found` }],
  refuse: [
    { file: 'services/ledger.ts', code: 0, message: 1 },
    { file: 'api/text.ts', code: { fixed: 'INVALID_TEXT' }, message: 1, wrap: (m) => `x: ${m}` },
    { file: 'api/onboarding.ts', code: { fixed: 'INVALID_INPUT' }, message: 1, wrap: (m) => `x: ${m}` },
    { file: 'api/onboarding-years.ts', code: { fixed: 'INVALID_INPUT' }, message: 1, wrap: (m) => `x: ${m}` },
  ],
  malformed: [
    { file: 'api/json-body.ts', code: 0, message: 1 },
    {
      file: 'domain/calendar.ts',
      code: { fixed: 'INVALID_CALENDAR' },
      message: 1,
      wrap: (m) => `calendar year data is malformed: x ${m}`,
    },
  ],
  fail: [
    { file: 'domain/terms-schema.ts', code: { fixed: 'INVALID_TERMS' }, message: 1, wrap: (m) => `x: ${m} (clause x)` },
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
          if (codeArg && messageArg && sameCondition(codeArg, messageArg) && codes && messages) {
            // `cond ? 'A' : 'B'` for the code and `cond ? msgA : msgB` for the message go together.
            codes.forEach((code, i) => out.push({ where, code, message: wrap(messages[i]!) }));
          } else {
            for (const code of codes ?? []) for (const m of messages ?? []) out.push({ where, code, message: wrap(m) });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return out;
}
