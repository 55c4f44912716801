import { faultStateQuery } from '../../src/workflows/fault/messages';
import type { FaultState } from '../../src/workflows/fault/state';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';
import { testEnv } from '../helpers/env';

// Issue 10, done-when (c): the PostgreSQL record is the completed workflow state. The worker is
// killed (SIGKILL) twice while 50 cases are in the middle of workflow tasks: first when their
// response deadlines fall due together and half of them get a response at that instant (timer
// tasks with breaches, proposals and notices; update tasks with responses), then while the other
// half's responses are being recorded. Facts that local activities of tasks that never completed
// wrote must not survive as facts the workflows do not have (0 phantom), and nothing the
// workflows have may be missing (0 missing): timeline, case row and open ledger proposals.
let stack: Stack;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  stack = await startStack({ worker: false });
}, 120_000);
afterAll(async () => {
  await worker?.kill();
  await stack?.stop();
}, 60_000);

const MIN = 60_000;
const CASES = 50;
const start = () =>
  startWorkerProcess({ address: testEnv.temporalAddress(), dbUrl: stack.db.url, taskQueue: stack.taskQueue });
const until = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));
const inBatches = async <T>(items: T[], size: number, fn: (x: T) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
};
type Fact = { seq: number; type: string; occurredAt: unknown; recordedAt: unknown; detail: unknown };
// jsonb stores object keys in its own order: compare details with sorted keys.
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
const comparable = (f: Fact) =>
  JSON.stringify([
    f.seq,
    f.type,
    new Date(f.occurredAt as string | number).getTime(),
    new Date(f.recordedAt as string | number).getTime(),
    canonical(f.detail),
  ]);

/** One case's record against its workflow's state (queried from the workflow). */
async function compare(id: string) {
  const s = (await stack.client.workflow.getHandle(id).query(faultStateQuery)) as FaultState;
  const db = stack.db.pool;
  const rows = (
    await db.query(
      'SELECT seq, type, occurred_at AS "occurredAt", recorded_at AS "recordedAt", detail FROM case_facts WHERE case_id = $1 ORDER BY seq',
      [id],
    )
  ).rows as Fact[];
  const row = (await db.query('SELECT breached, status, last_seq FROM fault_cases WHERE case_id = $1', [id])).rows[0];
  const open = (
    await db.query(
      "SELECT key FROM ledger_current WHERE case_id = $1 AND status IN ('proposed', 'held', 'released') ORDER BY key",
      [id],
    )
  ).rows.map((r) => r.key as string);
  const facts = s.timeline.map(comparable);
  const recorded = rows.map(comparable);
  return {
    id,
    settled: s.deadlines.find((d) => d.kind === 'response')?.status !== 'pending',
    phantom: recorded.filter((r) => !facts.includes(r)),
    missing: facts.filter((f) => !recorded.includes(f)),
    row,
    expectedRow: {
      breached: s.deadlines.some((d) => d.status === 'breached'),
      status: s.status,
      last_seq: s.timeline.length,
    },
    open,
    expectedOpen: s.penalties
      .filter((p) => !p.withdrawn && !p.waived)
      .map((p) => p.key)
      .sort(),
  };
}
const agrees = (c: Awaited<ReturnType<typeof compare>>) =>
  c.settled &&
  !c.phantom.length &&
  !c.missing.length &&
  JSON.stringify(c.row) === JSON.stringify(c.expectedRow) &&
  JSON.stringify(c.open) === JSON.stringify(c.expectedOpen);

it("(c) when the worker is killed during workflow tasks of 50 cases, then every PostgreSQL timeline equals the workflow's facts (0 missing, 0 phantom)", async () => {
  const contractId = (await createContract(stack)).id;
  worker = await start();
  const reportedAt = new Date(Date.now() - 15 * MIN + 15_000).toISOString(); // every response falls due 15 s from now
  const ids: string[] = [];
  await inBatches(
    Array.from({ length: CASES }, (_x, i) => i),
    10,
    async (i) => {
      const r = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
        level: 1,
        title: `OA down ${i}`,
        channel: 'phone',
        reporter: 'Nurse Li',
        reportedAt,
      });
      expect(r.status).toBe(201);
      ids.push(r.body.caseId);
    },
  );
  const dueMs = Date.parse(reportedAt) + 15 * MIN;
  // Every case idle (its first task recorded) before the kills. On a machine too slow for that
  // before the due time the kills still fall into workflow tasks, only other ones.
  await eventually(
    async () =>
      Number(
        (
          await stack.db.pool.query(
            'SELECT count(*)::int AS n FROM fault_cases WHERE contract_id = $1 AND last_seq > 0',
            [contractId],
          )
        ).rows[0].n,
      ) === CASES,
    60_000,
    250,
  );
  if (Date.now() > dueMs - 500)
    process.stdout.write(`(c) the cases were idle only ${Date.now() - dueMs} ms after their due time\n`);

  const respond = (id: string) =>
    stack.call(
      'vendor-engineer',
      'POST',
      `/faults/${encodeURIComponent(id)}/respond`,
      { engineer: 'Wang', how: 'remote' },
      { 'idempotency-key': `respond-${id}` },
    );
  // As a client does: a 503 WORKER_UNAVAILABLE (no worker, or it went while the action waited) is
  // retried with the same Idempotency-Key until the API sees the restarted worker (bounded).
  const respondRetrying = async (id: string) => {
    for (const until = Date.now() + 60_000; ;) {
      const r = await respond(id);
      if (!(r.status === 503 && r.body?.error?.code === 'WORKER_UNAVAILABLE') || Date.now() > until) return r.status;
      await new Promise((w) => setTimeout(w, 200));
    }
  };
  // Kill 1: at the due time, while the timers' breach tasks run and half the cases' responses arrive.
  await until(dueMs - 100);
  const first = ids.filter((_id, i) => i % 2 === 0).map((id) => respond(id).then((r) => r.status));
  await until(dueMs + 300);
  await worker.kill();
  worker = await start();
  // Kill 2: the moment the first of the other half's responses is in PostgreSQL (its local
  // record write committed, its workflow task perhaps not yet completed): SIGSTOP at once, note
  // which responses the record holds, then SIGKILL. A response whose task had not completed is a
  // phantom the restarted case must remove (the server drops that Update; the API resyncs).
  const secondIds = ids.filter((_id, i) => i % 2 === 1);
  const respondedInDb = async () =>
    (
      await stack.db.pool.query("SELECT case_id FROM case_facts WHERE type = 'case.responded' AND case_id = ANY($1)", [
        secondIds,
      ])
    ).rows.map((r) => r.case_id as string);
  const second = secondIds.map(respondRetrying);
  await eventually(async () => (await respondedInDb()).length > 0, 60_000, 2);
  worker.stop();
  const inDbAtKill = await respondedInDb();
  await worker.kill();
  worker = await start();
  const [firstStatuses, secondStatuses] = await Promise.all([Promise.all(first), Promise.all(second)]);

  // Each case settles (its response deadline judged and recorded, a resync written where an
  // update was lost); then its record must agree with it. Bounded: tasks the killed worker held
  // time out after 10 s on the server before they run again.
  const results = await Promise.all(
    ids.map((id) =>
      eventually(
        async () => {
          const c = await compare(id);
          return agrees(c) && c;
        },
        90_000,
        500,
      ).catch(() => compare(id)),
    ),
  );
  const disagreeing = results.filter((c) => !agrees(c));
  const statuses = [...firstStatuses, ...secondStatuses].reduce<Record<number, number>>(
    (m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }),
    {},
  );
  // What the kills hit (from the histories): workflow tasks that timed out, and resyncs the API asked for.
  const hit = { tasksTimedOut: 0, casesHit: 0, resyncs: 0, responsesInDbAtKill: inDbAtKill.length, phantomsAtKill: 0 };
  for (const id of inDbAtKill) {
    const s = (await stack.client.workflow.getHandle(id).query(faultStateQuery)) as FaultState;
    if (!s.timeline.some((f) => f.type === 'case.responded')) hit.phantomsAtKill += 1; // the record had it, the workflow never did
  }
  await inBatches(ids, 10, async (id) => {
    const events = (await stack.client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const timedOut = events.filter(
      (e) => e.workflowTaskTimedOutEventAttributes || e.workflowTaskFailedEventAttributes,
    ).length;
    hit.tasksTimedOut += timedOut;
    hit.casesHit += timedOut > 0 ? 1 : 0;
    hit.resyncs += events.filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'recordResync',
    ).length;
  });
  process.stdout.write(
    `(c) responses by status ${JSON.stringify(statuses)}; kills hit ${JSON.stringify(hit)}; disagreeing ${disagreeing.length} of ${results.length}\n`,
  );
  expect(disagreeing).toEqual([]);
  expect(results).toHaveLength(CASES);
}, 240_000);
