// Issue 15: every Web UI query of the README ("Finding cases in the Temporal Web UI") is run
// as written against the dev server, scoped to this file's contract (the server is shared by
// the run), and finds the cases it promises; none needs a date typed in. One level-1 fault is
// reported 15 minutes less 3 seconds ago, so its response deadline (4.9.4) passes during the
// test; a second one is fresh and must not show as overdue.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { SA } from '../../src/temporal/search-attributes';

const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Finding cases in the Temporal Web UI'));
const QUERIES = Object.fromEntries(
  [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/^\| ([^|]+?) \| `([^`]+)` \|$/gm)].map((m) => [
    m[1]!,
    m[2]!,
  ]),
);

let stack: Stack;
let contractId: string;
let overdueId: string;
let freshId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
  const report = async (title: string, ageMs: number) => {
    const r = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
      level: 1,
      title,
      channel: 'phone',
      reporter: '李护士',
      reportedAt: new Date(Date.now() - ageMs).toISOString(),
    });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  overdueId = await report('全院 OA 宕机', 15 * 60_000 - 3_000);
  freshId = await report('门诊挂号缓慢', 0);
});
afterAll(async () => {
  await stack?.stop();
});

/** The README's query as written, narrowed to this file's contract. */
async function run(query: string): Promise<string[]> {
  const scoped = query.includes("WeibaoContractId = 'C-2026-001'")
    ? query.replace("'C-2026-001'", `'${contractId}'`)
    : `${query} AND WeibaoContractId = '${contractId}'`;
  const ids: string[] = [];
  for await (const w of stack.client.workflow.list({ query: scoped })) ids.push(w.workflowId);
  return ids;
}

it('when the README lists its queries, then there is one per question the issue asks and none holds a date', () => {
  expect(Object.keys(QUERIES)).toEqual(
    expect.arrayContaining(['open cases of one family', 'deadline passed, duty still undone']),
  );
  for (const q of Object.values(QUERIES)) expect(q).not.toMatch(/\d{4}-\d\d-\d\d/);
});

it('when the level-1 response deadline passes, then each README query finds the cases it promises', async () => {
  // The fault's own timer marks it overdue (no now() in the store); wait for it.
  await eventually(
    async () => (await stack.client.workflow.getHandle(overdueId).describe()).typedSearchAttributes.get(SA.overdue),
    30_000,
    200,
  );
  const expected: Record<string, { has: string[]; hasNot?: string[] }> = {
    'open cases of one family': { has: [overdueId, freshId] },
    'deadline passed, duty still undone': { has: [overdueId], hasNot: [freshId] },
    'level-1 faults past a deadline': { has: [overdueId], hasNot: [freshId] },
    'faults breached and still open': { has: [overdueId], hasNot: [freshId] },
    'level-1 faults of one contract': { has: [overdueId, freshId] },
    'anything waiting on the vendor': { has: [overdueId, freshId] },
  };
  for (const [what, query] of Object.entries(QUERIES)) {
    const e = expected[what];
    const holds = (found: string[]) =>
      !e || (e.has.every((id) => found.includes(id)) && !e.hasNot?.some((id) => found.includes(id)));
    const found = await eventually(
      async () => {
        const ids = await run(query); // a query the store refuses throws here
        return holds(ids) && ids;
      },
      15_000,
      200,
    ).catch(async () => run(query));
    expect({ what, query, holds: holds(found), found }).toMatchObject({ what, holds: true });
  }
});

it('when a case is listed, then its WeibaoSummary line reads in Chinese with Beijing time and no title', async () => {
  const line = (await stack.client.workflow.getHandle(overdueId).describe()).typedSearchAttributes.get(SA.summary)!;
  expect(line).toMatch(
    new RegExp(`^一级故障 · ${overdueId} · 已报告 · (截止 \\d\\d-\\d\\d \\d\\d:\\d\\d · )?已逾期 · 已违约$`),
  );
  expect(line).not.toContain('全院 OA 宕机');
});
