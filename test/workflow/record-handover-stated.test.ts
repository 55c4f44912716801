import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defaultTerms, faultDeadlines } from '../../src/domain';
import { resolveTerms } from '../../src/domain/terms-schema';
import { faultCaseStart } from '../../src/temporal/fault-start';
import { faultCaseWorkflow } from '../../src/workflows/fault-case';
import { faultStateQuery, faultUpdates, type FaultCaseInput } from '../../src/workflows/fault/messages';
import type { Activities } from '../../src/workflows/kernel';
import type { RecordBatch, RecordResult } from '../../src/workflows/kernel/record';
import { dongleStateQuery } from '../../src/workflows/obligations/dongle';
import { createTimeSkippingEnv, startTimeSkippingWorker, type RunningWorker } from '../helpers/timeskip';
import { fakeActivities as faultFakes, newCalls } from './fault-harness';
import { fakeActivities as obligationFakes, HOUR, newFakes, until, vendor } from './obligations-harness';

// Issue 10, done-when (c), for stated times: a workflow task timed out while its record write
// ran, and the retry got the first attempt's result (record-handover.test.ts tells the story).
// The case then takes the facts' recorded times from the record (kernel/activities.ts
// adoptRecordedTimes), but its stated-time entries had copied the retry's: the case's projection
// row and its queries said a back-dated declaration was recorded, and contestable until, 10 s
// later than its fact, and a contest's default time was 10 s off. Failed before the fix (the
// entries kept the later times).
const EARLIER_MS = 10_000;
const iso = (ms: number) => new Date(ms).toISOString();
let env: TestWorkflowEnvironment;
const workers: RunningWorker[] = [];

/** The first write that carries a stated fact is handed over: stored EARLIER_MS earlier, answered late. */
function handingOver(recordCase: (b: RecordBatch) => Promise<RecordResult>) {
  const writes: RecordBatch[] = [];
  let handedOver: RecordBatch | undefined;
  const wrapped = async (b: RecordBatch): Promise<RecordResult> => {
    if (handedOver || !b.facts.some((f) => f.statedBy)) {
      if (handedOver) writes.push(b);
      return recordCase(b);
    }
    handedOver = b;
    const earlier = b.facts.map((x) => ({ ...x, recordedAt: x.recordedAt - EARLIER_MS }));
    const r = await recordCase({ ...b, facts: earlier, fenceAtMs: b.fenceAtMs! - EARLIER_MS });
    return { ...r, fenceAtMs: b.fenceAtMs! - EARLIER_MS, late: true as const };
  };
  return { wrapped, writes, handed: () => handedOver };
}

const dongle = newFakes();
const dongleFakes = obligationFakes(dongle) as unknown as Activities;
const dongleWrites = handingOver(dongleFakes.recordCase);
const faultCalls = newCalls();
const faultActs = faultFakes(faultCalls) as unknown as Activities;
const faultWrites = handingOver(faultActs.recordCase);

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  const queues = [
    ['handover-stated-dongle', { ...dongleFakes, recordCase: dongleWrites.wrapped }],
    ['handover-stated-fault', { ...faultActs, recordCase: faultWrites.wrapped }],
  ] as const;
  for (const [taskQueue, activities] of queues)
    workers.push(await startTimeSkippingWorker(env, { taskQueue, activities: activities as never }));
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await env?.teardown();
});

it('when the first write of an onboarded declaration answers for an earlier attempt, then its stated time shows the recorded time, in the state and the row written again', async () => {
  const now = await env.currentTimeMs();
  const declaredAt = iso(now - 20 * 24 * HOUR);
  const handle = await env.client.workflow.start('dongleWorkflow', {
    taskQueue: 'handover-stated-dongle',
    workflowId: 'dongle:C-hos',
    args: [
      {
        contractId: 'C-hos',
        signedAt: iso(now - 30 * 24 * HOUR),
        onboarded: { by: 'admin-wu', dongle: { declaredAt } },
      },
    ],
  });
  const s = await until(
    () => handle.query(dongleStateQuery),
    (x) => x.stated.length > 0 && dongleWrites.writes.length > 0,
  );
  const fact = [...dongle.records.get('dongle:C-hos')!.facts.values()].find((f) => f.type === 'removal.declare')!;
  expect(fact.recordedAt).toBe(dongleWrites.handed()!.facts.find((f) => f.statedBy)!.recordedAt - EARLIER_MS);
  const contestUntil = iso(fact.recordedAt + defaultTerms().statedTimes.contestHours * HOUR);
  const entry = { factSeq: fact.seq, statedAt: declaredAt, recordedAt: iso(fact.recordedAt), contestUntil };
  expect(s.stated).toEqual([expect.objectContaining(entry)]);
  // The write sent again (same task, late) carries the row as it now is.
  const again = dongleWrites.writes[0]!;
  expect(again.fenceAtMs).toBe(dongleWrites.handed()!.fenceAtMs);
  expect((again.snapshot.state as { stated: unknown[] }).stated).toEqual([expect.objectContaining(entry)]);
  await handle.terminate('test over');
});

it("when the write of a back-dated fault response answers for an earlier attempt, then the case's stated time is the recorded one", async () => {
  const t = resolveTerms(defaultTerms());
  const reportedAtMs = await env.currentTimeMs();
  const input: FaultCaseInput = {
    caseId: 'fault:C-hos:1',
    contractId: 'C-hos',
    caseNo: 1,
    level: 3,
    title: 'fault 1',
    description: 'the OA portal is down',
    channel: 'phone',
    affectsOperations: false,
    reporter: 'Nurse Li',
    reportedAtMs,
    reportedBy: { name: 'desk', role: 'hospital-operator' },
  };
  const handle = await env.client.workflow.start(
    faultCaseWorkflow,
    faultCaseStart(
      { ...input, intake: { termsVersion: 7, terms: t } },
      faultDeadlines(reportedAtMs, 3, false, t),
      'handover-stated-fault',
    ),
  );
  await env.sleep(90 * 60_000);
  const statedAt = (await env.currentTimeMs()) - 50 * 60_000;
  await handle.executeUpdate(faultUpdates.respond as never, {
    args: [{ actor: vendor, engineer: 'Wang', how: 'phone', occurredAtMs: statedAt }] as never,
  });
  const s = await until(
    () => handle.query(faultStateQuery),
    () => faultWrites.writes.length > 0,
  );
  const fact = s.timeline.find((f) => f.type === 'case.responded')!;
  expect(fact.recordedAt).toBe(faultWrites.handed()!.facts.find((f) => f.statedBy)!.recordedAt - EARLIER_MS);
  expect(s.stated).toEqual([expect.objectContaining({ statedAtMs: statedAt, recordedAtMs: fact.recordedAt })]);
  const again = faultWrites.writes[0]!.snapshot as { stated: unknown[] };
  expect(again.stated).toEqual([expect.objectContaining({ recordedAtMs: fact.recordedAt })]);
  await handle.terminate('test over');
});
