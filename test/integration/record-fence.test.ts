import { inTransaction } from '../../src/db/pool';
import { writeRecord } from '../../src/activities/records';
import { recordResyncSignal, type RecordBatch } from '../../src/workflows/kernel/record';
import { faultStateQuery } from '../../src/workflows/fault/messages';
import type { FaultState } from '../../src/workflows/fault/state';
import type { Fact } from '../../src/workflows/kernel/facts';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// The fence gaps of the case kernel's record write (src/workflows/kernel/record.ts), closed:
// attempts of one workflow task share a history length, so the fence also carries the task's
// start time; and a failed Update's facts are removed by the head write that recordResync asks for.
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const fact = (seq: number, type: string, atMs: number): Fact =>
  ({
    seq,
    type,
    occurredAt: atMs,
    recordedAt: atMs,
    recordedBy: { name: 'system', role: 'system' },
    detail: { seq },
  }) as Fact;
const batch = (
  caseId: string,
  fence: number,
  fenceAtMs: number,
  facts: Fact[],
  lastSeq = facts.length,
): RecordBatch => ({
  caseId,
  kind: 'probe',
  contractId,
  fence,
  fenceAtMs,
  lastSeq,
  facts,
  notices: [],
  proposals: [],
  withdrawals: [],
  penaltyKeys: [],
  snapshot: {},
});
const write = (b: RecordBatch) =>
  inTransaction(stack.db.pool, (tx) => writeRecord(tx, b)).then((r) => r.result.applied);
const stored = async (caseId: string) =>
  (await stack.db.pool.query('SELECT seq, type FROM case_facts WHERE case_id = $1 ORDER BY seq', [caseId])).rows.map(
    (r) => `${r.seq}:${r.type}`,
  );

describe('record fence', () => {
  it('when a stale attempt of a workflow task (same history length, earlier start) writes after the newer attempt, then it changes nothing', async () => {
    const id = `probe:${contractId}:attempts`;
    const fence = 1_000_017; // run 1, history length 17: both attempts (a transient retry keeps the length)
    const t = Date.now();
    expect(
      await write(batch(id, fence, t + 5_000, [fact(1, 'case.reported', t), fact(2, 'deadline.breached', t + 5_000)])),
    ).toBe(true);
    // The first attempt (a stopped worker resuming) had an update the retry does not have, and fewer timer facts.
    expect(
      await write(
        batch(id, fence, t, [
          fact(1, 'case.reported', t),
          fact(2, 'case.responded', t),
          fact(3, 'deadline.superseded', t),
        ]),
      ),
    ).toBe(false);
    expect(await write(batch(id, fence, t, [], 1))).toBe(false); // nor may it drop the newer attempt's facts
    expect(await stored(id)).toEqual(['1:case.reported', '2:deadline.breached']);
    // A later attempt, or a later task, still applies.
    expect(await write(batch(id, fence, t + 9_000, [fact(3, 'case.responded', t + 9_000)], 3))).toBe(true);
    expect(await write(batch(id, fence + 3, t, [], 3))).toBe(true);
    expect(await stored(id)).toEqual(['1:case.reported', '2:deadline.breached', '3:case.responded']);
  });

  it('when a failed update task left a phantom fact and case row, then the recordResync signal makes the case write its head and removes them', async () => {
    const r = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
      level: 3,
      title: 'printer queue stuck',
      channel: 'phone',
      reporter: 'Nurse Li',
    });
    expect(r.status).toBe(201);
    const caseId = r.body.caseId as string;
    const head = await eventually(
      async () =>
        (
          await stack.db.pool.query(
            'SELECT fence, fence_at, last_seq FROM case_records WHERE case_id = $1 AND last_seq > 0',
            [caseId],
          )
        ).rows[0],
      30_000,
      100,
    );
    // What a respond task that wrote and then died leaves: a fact beyond the workflow's timeline, the case row saying "responded".
    const phantomSeq = head.last_seq + 1;
    await stack.db.pool.query(
      `INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, detail, fence)
       VALUES ($1, $2, 'case.responded', now(), now(), 'Wang', 'vendor-engineer', '{"onTime": true}', $3)`,
      [caseId, phantomSeq, head.fence],
    );
    await stack.db.pool.query('UPDATE case_records SET last_seq = $2 WHERE case_id = $1', [caseId, phantomSeq]);
    await stack.db.pool.query(
      "UPDATE fault_cases SET status = 'responded', awaiting = 'hospital', last_seq = $2 WHERE case_id = $1",
      [caseId, phantomSeq],
    );

    await stack.client.workflow.getHandle(caseId).signal(recordResyncSignal);
    const s = (await stack.client.workflow.getHandle(caseId).query(faultStateQuery)) as FaultState;
    await eventually(
      async () => {
        const facts = await stored(caseId);
        const row = (await stack.db.pool.query('SELECT status, last_seq FROM fault_cases WHERE case_id = $1', [caseId]))
          .rows[0];
        return facts.length === s.timeline.length && row.status === s.status && row.last_seq === s.timeline.length;
      },
      30_000,
      100,
    );
    expect(await stored(caseId)).toEqual(s.timeline.map((f) => `${f.seq}:${f.type}`));
  });

  it('when a batch carries a fact beyond its own lastSeq, then the write is refused and nothing of it is stored', async () => {
    // The phantom DELETE (seq > lastSeq) and the fact upsert share one statement (case-records.ts
    // replaceFacts): a fact beyond lastSeq would be both, so the batch is refused as malformed.
    const id = `probe:${contractId}:beyond`;
    const t = Date.now();
    await expect(
      write(batch(id, 2_000_001, t, [fact(1, 'case.reported', t), fact(2, 'case.responded', t)], 1)),
    ).rejects.toThrow(/fact 2 lies beyond its lastSeq 1/);
    expect(await stored(id)).toEqual([]);
    expect((await stack.db.pool.query('SELECT 1 FROM case_records WHERE case_id = $1', [id])).rowCount).toBe(0);
  });
});
