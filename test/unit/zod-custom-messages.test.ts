// Issue 15 item 2: the sentences the platform states in its zod schemas (a regex's or refine's
// message, `message:` of a zod check, a custom issue) are answered in Chinese too. This reads
// every such sentence in src/ from the TypeScript syntax tree (a template's `${...}` becomes a
// sample value) and looks each up in src/i18n/zod-custom.ts: a new one without its Chinese fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { customZh } from '../../src/i18n/zod-custom';
import { zodIssueMessage } from '../../src/i18n/zod';
import { instantSchema } from '../../src/api/validate';

const SRC = path.join(__dirname, '../../src');
// Where a zod check takes its sentence: the second argument, or `message` of an options object.
const CHECKS = new Set([
  'regex',
  'refine',
  'datetime',
  'date',
  'url',
  'min',
  'max',
  'length',
  'startsWith',
  'addIssue',
]);
// Operator-facing start-up errors (src/config.ts) are logs, not answers.
const SKIP = new Set(['config.ts']);

const sample = (n: ts.Node): string | undefined => {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text + n.templateSpans.map((s) => `x${s.literal.text}`).join('');
  return undefined;
};

function schemaSentences(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const rel of files) {
    if (SKIP.has(path.basename(rel))) continue;
    const text = fs.readFileSync(path.join(SRC, rel), 'utf8');
    if (!/from 'zod'/.test(text)) continue;
    const file = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && CHECKS.has(n.expression.name.text)) {
        for (const [i, a] of n.arguments.entries()) {
          const s = i > 0 ? sample(a) : undefined;
          if (s) found.push({ where: `${rel}:${file.getLineAndCharacterOfPosition(a.pos).line + 1}`, text: s });
          if (ts.isObjectLiteralExpression(a))
            for (const p of a.properties)
              if (ts.isPropertyAssignment(p) && p.name.getText() === 'message') {
                const m = sample(p.initializer);
                if (m) found.push({ where: `${rel}:${file.getLineAndCharacterOfPosition(p.pos).line + 1}`, text: m });
              }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return found;
}

it("when the schemas' own sentences are read from src/, then each has its Chinese", () => {
  const sentences = schemaSentences();
  expect(sentences.length).toBeGreaterThan(20);
  expect(sentences.filter((s) => customZh(s.text) === undefined)).toEqual([]);
});

it('when a sentence is not in the table, then there is no Chinese for it (the check can fail)', () => {
  expect(customZh('must be a colour')).toBeUndefined();
});

it('when an instant without a time zone is refused, then the Chinese answer is Chinese and the English stays', () => {
  const issue = z.object({ at: instantSchema }).safeParse({ at: '2025-01-02 09:00' }).error!.issues[0]!;
  expect(zodIssueMessage(issue, 'zh-CN')).toBe('须为带时区的 ISO-8601 时刻，例如 2025-01-02T09:00:00+08:00');
  expect(zodIssueMessage(issue, 'en')).toBe(
    'must be an ISO-8601 instant with a time zone, e.g. 2025-01-02T09:00:00+08:00',
  );
});

it("when the password's rule is in English, then the Chinese sentence carries the rule in Chinese", () => {
  expect(customZh('the password needs at least 12 characters (clause 7, MLPS level 3)')).toBe(
    '密码须满足：至少 12 个字符（第 7 条，等保三级）',
  );
});
