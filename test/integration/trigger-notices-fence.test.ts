import { inTransaction } from '../../src/db/pool';
import { writeRecord } from '../../src/activities/records';
import type { RecordBatch } from '../../src/workflows/kernel/record';
import type { Fact } from '../../src/workflows/kernel/facts';
import type { InspectionSnapshot } from '../../src/db/queries/cycles';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

// Issue 10 item 5: the record is the completed workflow state, notices included. The cycles'
// notices come from triggers on their projection rows (042), and carried no fact, so a notice of
// a workflow task that never completed survived the phantom clean-up (070 gives them the fact).
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const at = Date.parse('2026-04-01T02:00:00Z');
const fact = (seq: number, type: string): Fact =>
  ({
    seq,
    type,
    occurredAt: at + seq,
    recordedAt: at + seq,
    recordedBy: { name: 'system', role: 'system' },
    detail: {},
  }) as Fact;
const snapshot = (status: string, quarter: number): InspectionSnapshot => ({
  contractId,
  year: 1,
  quarter, // beyond the contract's own quarters: the rows are this test's alone
  periodStart: '2026-01-01',
  dueAt: '2026-04-10T16:00:00Z',
  status,
  breached: false,
  report: null,
  submittedAt: status === 'submitted' ? '2026-04-01T02:00:00Z' : null,
  lateByMs: null,
  acknowledgedAt: null,
  remediation: [],
  history: [],
});
// Each case is a quarter of its own.
const quarterOf = (caseId: string) => (caseId.endsWith('phantom') ? 11 : 12);
const write = (caseId: string, fence: number, lastSeq: number, facts: Fact[], status: string) =>
  inTransaction(stack.db.pool, (tx) =>
    writeRecord(tx, {
      caseId,
      kind: 'inspection',
      contractId,
      fence,
      fenceAtMs: at,
      lastSeq,
      facts,
      notices: [],
      proposals: [],
      withdrawals: [],
      penaltyKeys: [],
      snapshot: snapshot(status, quarterOf(caseId)) as unknown as RecordBatch['snapshot'],
    } as RecordBatch),
  );
const notices = async (caseId: string) =>
  (
    await stack.db.pool.query('SELECT topic, fact_seq FROM notifications_outbox WHERE case_id = $1 ORDER BY key', [
      caseId,
    ])
  ).rows.map((r) => `${r.topic}@${r.fact_seq}`);

it("when a workflow task that never completed recorded an inspection report's submission, then the newer write removes its notice with its fact; a real submission keeps its own", async () => {
  const phantom = `inspection:${contractId}:1:1:phantom`;
  await write(phantom, 5, 1, [fact(1, 'inspection.opened')], 'open');
  await write(phantom, 10, 2, [fact(2, 'inspection.report-submitted')], 'submitted');
  expect(await notices(phantom)).toEqual(['inspection.due@1', 'inspection.report-submitted@2']);
  // The task of fence 10 failed; the workflow's timeline ends at fact 1.
  await write(phantom, 11, 1, [], 'open');
  expect(await notices(phantom)).toEqual(['inspection.due@1']);

  const real = `inspection:${contractId}:1:1:real`;
  await write(real, 5, 1, [fact(1, 'inspection.opened')], 'open');
  await write(real, 10, 2, [fact(2, 'inspection.report-submitted')], 'submitted');
  await write(real, 11, 3, [fact(3, 'inspection.reminder')], 'submitted');
  expect(await notices(real)).toEqual(['inspection.due@1', 'inspection.report-submitted@2']);
});
