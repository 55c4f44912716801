// The error-code table is current (issue 15: "every error code documented with its clause"):
// every code src/ raises is in it with the status it is raised with, every code in it is raised
// somewhere, and the README's table is the one generated from it. Adding a code without its
// catalogue entry and status fails here (the last case shows the check finding one).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeLiterals, errorSites } from '../helpers/error-sites';
import { CODES_WITH_STATUS, ERROR_CODE_TABLE } from '../../src/api/error-codes';
import { withErrorCodes } from '../../src/api/error-codes-doc';
import { findMessage, MESSAGES } from '../../src/i18n/catalogue';

const SRC = path.join(__dirname, '../../src');
const DOCUMENTED = new Set(ERROR_CODE_TABLE.map((r) => r.code));
// UPPER_SNAKE strings of src/ that are not error codes: configuration names quoted in code.
const NOT_CODES = new Set(['TEMPORAL_PAYLOAD_KEYS', 'TEMPORAL_ACTOR_KEYS']);

/** What src/ raises or names as a code that the table lacks, or raises with a status the table does not give it. */
function undocumented(srcDir: string): string[] {
  const sites = errorSites(srcDir).flatMap((s) => {
    const row = ERROR_CODE_TABLE.find((r) => r.code === s.code);
    if (!row) return [`${s.where} raises ${s.code}, which is not in the table`];
    if (s.status !== undefined && !row.statuses.includes(s.status))
      return [`${s.where} raises ${s.code} with ${s.status}; the table gives ${row.statuses.join(', ')}`];
    return [];
  });
  const named = codeLiterals(srcDir, DOCUMENTED)
    .filter((l) => !DOCUMENTED.has(l.code) && !NOT_CODES.has(l.code))
    .map((l) => `${l.where} names ${l.code}, which is not in the table`);
  return [...sites, ...named];
}

describe('the error-code table (issue 15)', () => {
  it('when src/ raises or names a code, then the table has it with that status', () => {
    expect(undocumented(SRC)).toEqual([]);
  });

  it('when a code is in the table, then src/ raises it (no code documented that the API never answers)', () => {
    const named = new Set(codeLiterals(SRC, DOCUMENTED).map((l) => l.code));
    for (const s of errorSites(SRC)) named.add(s.code);
    expect([...DOCUMENTED].filter((c) => !named.has(c))).toEqual([]);
  });

  it('when a site cites a clause in its error body, then its catalogue entry documents that clause', () => {
    // Literal: the entry's clause is the same, or the entry is shared by rules of several clauses
    // (caseClause, or `{clause}` in its sentence). Passed in (the case's own): the entry says so.
    // None: the entry claims none (the table would cite a clause the body does not).
    const wrong = errorSites(SRC).flatMap((s) => {
      const e = findMessage(s.code, s.message)?.entry;
      if (!e) return [];
      const shared = !!e.caseClause || (!e.clause && e.en.includes('{clause}'));
      const ok =
        s.clause === undefined
          ? !e.clause && !e.caseClause
          : s.clause === 'variable'
            ? !!e.clause || shared
            : e.clause === s.clause || shared;
      return ok
        ? []
        : [`${s.where} ${s.code} cites ${s.clause ?? 'no clause'}; the entry "${e.en}" ${e.clause ?? 'none'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('when a code is given a status, then the catalogue has its sentences, and every catalogue code has a status', () => {
    expect([...CODES_WITH_STATUS.keys()].filter((c) => !DOCUMENTED.has(c))).toEqual([]);
    expect(ERROR_CODE_TABLE.filter((r) => r.statuses.length === 0).map((r) => r.code)).toEqual([]);
  });

  it('when a row is made, then it cites the clauses of its catalogue entries and every sentence', () => {
    const forbidden = ERROR_CODE_TABLE.find((r) => r.code === 'FORBIDDEN')!;
    expect(forbidden.statuses).toEqual([403]);
    expect(forbidden.clauses).toContain('7');
    const catalogued = MESSAGES.filter((m) => m.code === 'FORBIDDEN').map((m) => ({ en: m.en, zh: m.zh }));
    expect(catalogued.length).toBeGreaterThan(1);
    expect(forbidden.sentences).toEqual(catalogued);
    expect([forbidden.en, forbidden.zh]).toEqual([catalogued[0]!.en, catalogued[0]!.zh]);
    const json = ERROR_CODE_TABLE.find((r) => r.code === 'MALFORMED_JSON')!;
    expect([json.statuses, json.clauses, json.casesClause]).toEqual([[400], [], false]);
  });

  it('when the README is read, then its error-code table is the generated one (npm run docs:errors)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(withErrorCodes(readme)).toBe(readme);
  });

  it("when the README's table is read, then every sentence of every code is in it, in both languages (issue 15 item 3)", () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const md = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '\\*');
    const rowOf = (code: string) => readme.split('\n').find((l) => l.startsWith(`| \`${code}\` |`)) ?? '';
    const missing = MESSAGES.flatMap((m) =>
      [m.zh, m.en].filter((t) => !rowOf(m.code).includes(md(t))).map((t) => `${m.code}: ${t}`),
    );
    expect(missing).toEqual([]);
    expect(readme).not.toMatch(/\(\+\d+ more\)|另有 \d+ 种说法/);
  });

  it('when a new code is raised without being documented, then the check names it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'error-codes-'));
    try {
      fs.mkdirSync(path.join(dir, 'api'));
      fs.writeFileSync(
        path.join(dir, 'api', 'new-route.ts'),
        [
          "throw new HttpError(409, 'BRAND_NEW_RULE', 'a rule nobody documented');",
          "throw new HttpError(400, 'NOT_FOUND', 'x not found');",
          "const failure = { code: 'UNLISTED_FAILURE' };",
        ].join('\n'),
      );
      expect(undocumented(dir)).toEqual([
        'api/new-route.ts:1 raises BRAND_NEW_RULE, which is not in the table',
        'api/new-route.ts:2 raises NOT_FOUND with 400; the table gives 404',
        'api/new-route.ts:1 names BRAND_NEW_RULE, which is not in the table',
        'api/new-route.ts:3 names UNLISTED_FAILURE, which is not in the table',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
