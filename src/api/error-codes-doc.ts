// The README's "Error codes" table (issue 15), made from the one table of codes (error-codes.ts):
// code, HTTP statuses, the clauses its refusals cite, and every sentence of the code in Chinese
// and English, one a line, in the catalogue's order. `npm run docs:errors` writes it between the README's markers; the error-codes test
// fails when the README's copy differs.
import { ERROR_CODE_TABLE, type ErrorCodeRow } from './error-codes';

export const README_MARKERS = ['<!-- error-codes:start -->', '<!-- error-codes:end -->'] as const;

/** Markdown cell text: pipes, angle brackets and asterisks kept literal. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '\\*');

function clauseCell(r: ErrorCodeRow): string {
  const parts = [...r.clauses, ...(r.casesClause ? ["the case's"] : [])];
  return parts.length ? parts.join(', ') : '—';
}

export function errorCodesMarkdown(rows: readonly ErrorCodeRow[] = ERROR_CODE_TABLE): string {
  const all = (r: ErrorCodeRow, lang: 'zh' | 'en') => r.sentences.map((s) => cell(s[lang])).join('<br>');
  return [
    '| Code | HTTP | Clause | 中文 | English |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| \`${r.code}\` | ${r.statuses.join(', ')} | ${clauseCell(r)} | ${all(r, 'zh')} | ${all(r, 'en')} |`,
    ),
  ].join('\n');
}

/** The README with its table between the markers replaced by `table`; throws when a marker is missing. */
export function withErrorCodes(readme: string, table = errorCodesMarkdown()): string {
  const [start, end] = README_MARKERS;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} ... ${end} markers`);
  return `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`;
}
