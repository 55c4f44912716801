// Issue 15 item 1: the refusals a route declares cannot fall behind its rules. For each family,
// every 409 code its rules' source names (read from the TypeScript syntax tree, as the error-code
// table's test reads it) is declared by each route that acts on that family's cases; a rule given
// a new code fails here until the family's list (src/api/routes/refusals.ts) names it. What a
// handler answers at run time is checked by the response check (VALIDATE_RESPONSES) in every
// integration test and in test/integration/refusals.test.ts.
import * as path from 'node:path';
import '../../../src/api/routes';
import { declaredRoutes } from '../../../src/api/route';
import { refusalCodes } from '../../../src/api/openapi-refusals';
import { ERROR_CODE_TABLE } from '../../../src/api/error-codes';
import { codeLiterals } from '../../helpers/error-sites';

const SRC = path.join(__dirname, '../../../src');
const CONFLICTS = new Set(ERROR_CODE_TABLE.filter((r) => r.statuses.includes(409)).map((r) => r.code));
const literals = codeLiterals(SRC, CONFLICTS);
/** The 409 codes named in these files of src/ (a path prefix each). */
const conflictsIn = (prefixes: string[]) =>
  new Set(
    literals.filter((l) => prefixes.some((p) => l.where.startsWith(p)) && CONFLICTS.has(l.code)).map((l) => l.code),
  );

// family: the files of its rules (src/...), and the routes that act on its cases.
const FAMILIES: [string, string[], RegExp][] = [
  ['fault', ['workflows/fault/'], /^POST \/faults\/\{caseId\}\/(?!contest)/],
  ['inspection', ['workflows/cycles/inspection-rules'], /^POST .*\/inspections\/\{period\}\/(?!contest)/],
  ['acceptance', ['workflows/cycles/acceptance-rules'], /^POST .*\/acceptances\/\{year\}\/(submit|decision)$/],
  ['dongle', ['workflows/obligations/dongle-rules'], /^POST .*\/dongle\/(declaration|verification|findings)$/],
  ['go-live', ['workflows/obligations/go-live-rules', 'domain/go-live'], /^POST .*\/go-live\/(extension|live)/],
  ['rectification', ['workflows/obligations/rectification-rules'], /^POST .*\/rectification\/(?!contest)/],
  ['staff change', ['workflows/obligations/staff-change-rules'], /^POST .*\/staff-changes\/\{requestId\}\/(?!contest)/],
  ['service request', ['workflows/service/'], /^POST .*\/service-requests\/\{requestId\}\/(?!contest)/],
  ['stated times', ['workflows/kernel/stated-times', 'workflows/kernel/contest-rules'], /\/contest(-decision)?$/],
  ['ledger', ['services/ledger'], /^POST \/ledger\/\{id\}\//],
];

it.each(FAMILIES)(
  'when the %s rules name a 409 code, then every route acting on its cases declares it',
  (_family, files, routes) => {
    const raised = [...conflictsIn(files)];
    expect(raised.length).toBeGreaterThan(0);
    const acting = declaredRoutes().filter((r) => routes.test(r.key));
    expect(acting.length).toBeGreaterThan(0);
    const missing = acting.flatMap((r) =>
      raised.filter((c) => !refusalCodes(r.spec, 409)?.includes(c)).map((c) => `${r.key}: ${c}`),
    );
    expect(missing).toEqual([]);
  },
);

it('when a rule names a code no route declares, then the table finds it (the check can fail)', () => {
  const acting = declaredRoutes().filter((r) => /^POST \/ledger\/\{id\}\//.test(r.key));
  expect(acting.filter((r) => !refusalCodes(r.spec, 409)?.includes('PROPOSAL_DECIDED')).length).toBe(acting.length);
});

it('when a route is declared, then it states its refusals (none is left on a shared list)', () => {
  expect(declaredRoutes().filter((r) => !r.spec.refusals)).toEqual([]);
});
