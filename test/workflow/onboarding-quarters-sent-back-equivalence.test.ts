import type { ApiDeps } from '../../src/api/deps';
import { checkPastQuarters, startOnboardedQuarters } from '../../src/api/onboarding-quarters';
import type { PastQuarters } from '../../src/api/onboarding-quarter-facts';
import { quarterConclusions } from '../../src/api/onboarding-quarters-judged';
import { quarterIfKnown } from '../../src/domain/cycles';
import { defaultTerms } from '../../src/domain/terms';
import { shanghaiDate } from '../../src/domain/time';
import {
  acknowledgeInspection,
  inspectionState,
  inspectionWorkflow,
  requestInspectionChanges,
  submitInspectionReport,
  type InspectionState,
} from '../../src/workflows/cycles';
import { approver, DAY, report, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';
import { sleepUntil } from './obligations-harness';

// Issue 10 item 4, gap 1 of s17: an inspection quarter whose last report was sent back with
// changes requested (4.3) and not delivered again by the registration. A contract lives two
// quarters on the time-skipping server (1Q1 delivered on time and sent back; 1Q2 first
// delivered after its due time and sent back); a second contract enters the same facts at the
// registration. Both cases stay open awaiting the vendor's revised report, and the report sent
// after the registration, the same in both, is judged on the quarter's due time as live: 1Q1
// late then (the 6.2.1 sum proposed at that delivery), 1Q2 already proposed at its due time.
let h: CyclesHarness;
beforeAll(async () => {
  h = await startCyclesHarness();
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(180_000);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What both contracts' quarters must agree on, contract ids taken out. */
const view = (s: InspectionState) => ({
  status: s.status,
  breached: s.breached,
  submittedAt: s.submittedAt,
  lateByMs: s.lateByMs,
  acknowledgedAt: s.acknowledgedAt,
  events: s.history.map((x) => x.event),
});
async function ledger(contractId: string) {
  const { rows } = await h.db.pool.query<{ key: string; clause: string; amount_fen: string; occurred_at: Date }>(
    'SELECT key, clause, amount_fen::text, occurred_at FROM ledger_current WHERE contract_id = $1 ORDER BY key',
    [contractId],
  );
  return rows.map((r) => ({
    key: r.key.replace(contractId, '<c>'),
    clause: r.clause,
    amountFen: r.amount_fen,
    occurredAt: r.occurred_at.toISOString(),
  }));
}

it('when a quarter whose report was sent back and not delivered again is entered, then it stays open and the revised report is judged as lived', async () => {
  const signedMs = Date.parse(iso(Math.floor((await h.env.currentTimeMs()) / 1000) * 1000));
  const q = [1, 2].map((n) => quarterIfKnown(signedMs, 1, n)!);
  const lived = await h.newContract(signedMs);
  const cases = await Promise.all(
    [1, 2].map((quarter) =>
      h.env.client.workflow.start(inspectionWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `inspection:${lived}:1Q${quarter}`,
        args: [{ contractId: lived, year: 1, quarter }],
      }),
    ),
  );
  for (const c of cases)
    await h.until(
      () => c.query(inspectionState).catch(() => undefined),
      (s) => !!s?.dueAt,
    );
  const at = {
    q1Report: q[0]!.startMs + 35 * DAY,
    q1SentBack: q[0]!.startMs + 37 * DAY,
    q2Report: q[1]!.dueMs + 3 * DAY, // after its due time: overdue at the due time, as the timer saw it
    q2SentBack: q[1]!.dueMs + 4 * DAY,
  };
  const steps: [number, () => Promise<unknown>][] = [
    [at.q1Report, () => deliver(0, at.q1Report)],
    [at.q1SentBack, () => sendBack(0, at.q1SentBack)],
    [at.q2Report, () => deliver(1, at.q2Report)],
    [at.q2SentBack, () => sendBack(1, at.q2SentBack)],
  ];
  function deliver(n: number, occurredAtMs: number) {
    return cases[n]!.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor, occurredAtMs }] });
  }
  function sendBack(n: number, occurredAtMs: number) {
    return cases[n]!.executeUpdate(requestInspectionChanges, {
      args: [{ actor: approver, reasons: ['no penetration test'], occurredAtMs }],
    });
  }
  for (const [when, send] of steps) {
    await sleepUntil(h.env, when);
    await send();
  }
  const registeredMs = q[1]!.dueMs + 10 * DAY;
  await sleepUntil(h.env, registeredMs);

  const r = report();
  const round = (doneAt: number, requestedAt: number) => ({
    doneAt: iso(doneAt),
    report: { documentRef: r.documentRef, sha256: r.sha256 },
    findings: r.findings,
    recommendations: r.recommendations,
    requestedAt: iso(requestedAt),
    reasons: ['no penetration test'],
  });
  const entered: PastQuarters = {
    inspections: [
      {
        year: 1,
        quarter: 1,
        done: true,
        sentBack: [round(at.q1Report, at.q1SentBack)],
        inspectionDate: shanghaiDate(at.q1Report - DAY),
        engineer: r.engineer,
      },
      {
        year: 1,
        quarter: 2,
        done: true,
        sentBack: [round(at.q2Report, at.q2SentBack)],
        inspectionDate: shanghaiDate(q[1]!.dueMs - DAY),
        engineer: r.engineer,
      },
    ],
  };
  const onboarded = await h.newContract(signedMs);
  checkPastQuarters(entered, { signedAtMs: signedMs, termYears: 3, nowMs: registeredMs, ext: [] });
  const deps = { pool: h.db.pool, temporal: h.env.client, config: { TEMPORAL_TASK_QUEUE: h.taskQueue } };
  await startOnboardedQuarters(deps as unknown as ApiDeps, { id: onboarded }, entered, 'admin-wu');
  const handle = (n: number) => h.env.client.workflow.getHandle(`inspection:${onboarded}:1Q${n}`);
  const now = async () =>
    Promise.all(
      [1, 2].map((n) =>
        h.until(
          () =>
            handle(n)
              .query(inspectionState)
              .catch(() => undefined),
          (s) => s?.status === 'changes-requested',
        ),
      ),
    );

  // At the registration: both rounds open, awaiting the vendor; only 1Q2's first report was late.
  const live = await Promise.all(cases.map((c) => c.query(inspectionState)));
  expect(live.map((s) => [s.status, s.breached])).toEqual([
    ['changes-requested', false],
    ['changes-requested', true],
  ]);
  expect((await now()).map((s) => view(s!))).toEqual(live.map(view));
  expect(await ledger(lived)).toEqual([
    {
      key: 'inspection:<c>:1Q2:report-missing',
      clause: '6.2.1',
      amountFen: expect.any(String),
      occurredAt: iso(q[1]!.dueMs),
    },
  ]);
  expect(await ledger(onboarded)).toEqual(await ledger(lived));
  const dry = quarterConclusions({
    contractId: onboarded,
    signedAtMs: signedMs,
    nowMs: registeredMs,
    termYears: 3,
    ext: [],
    terms: defaultTerms(),
    quarters: entered,
  });
  expect(dry.quarters.filter((x) => x.kind === 'inspection').map((x) => [x.period, x.verdict])).toEqual([
    ['1Q1', 'sent-back'],
    ['1Q2', 'sent-back'],
  ]);
  expect(dry.deadlines.map((d) => d.verdict)).toEqual(['pending', 'missed']);
  expect(dry.penalties.map((p) => [p.key.replace(onboarded, '<c>'), p.occurredAt])).toEqual(
    (await ledger(lived)).map((p) => [p.key, p.occurredAt]),
  );

  // After the registration the vendor delivers the revised reports and the hospital acknowledges
  // them, the same acts at the same instants in both: judged on the quarters' due times as live.
  for (const c of [...cases, handle(1), handle(2)])
    await c.executeUpdate(submitInspectionReport, { args: [{ ...report(), actor: vendor }] });
  await sleepUntil(h.env, registeredMs + DAY);
  for (const c of [...cases, handle(1), handle(2)])
    await c.executeUpdate(acknowledgeInspection, { args: [{ actor: approver }] });
  // Past the contest window of the entered times (terms statedTimes.contestHours): every quarter closes.
  await sleepUntil(h.env, registeredMs + 73 * HOUR);
  const liveAfter = await Promise.all(cases.map((c) => c.query(inspectionState)));
  const nowAfter = await Promise.all([1, 2].map((n) => handle(n).query(inspectionState)));
  expect(liveAfter.map((s) => [s.status, s.breached, s.lateByMs !== null])).toEqual([
    ['closed', true, true],
    ['closed', true, true],
  ]);
  expect(liveAfter[0]!.history.map((x) => x.event)).toEqual([
    'report-submitted',
    'changes-requested',
    'report-submitted',
    'acknowledged',
  ]);
  const loose = (s: InspectionState) => ({ ...view(s), submittedAt: null, lateByMs: null, acknowledgedAt: null });
  expect(nowAfter.map(loose)).toEqual(liveAfter.map(loose));
  for (const [n, s] of nowAfter.entries()) {
    // The live acts were sent one after the other: the same instants within the test's seconds.
    expect(Math.abs(Date.parse(s.submittedAt!) - Date.parse(liveAfter[n]!.submittedAt!))).toBeLessThan(5_000);
    expect(Math.abs(s.lateByMs! - liveAfter[n]!.lateByMs!)).toBeLessThan(5_000);
  }
  const proposals = await ledger(lived);
  expect(proposals.map((p) => p.key)).toEqual([
    'inspection:<c>:1Q1:report-missing',
    'inspection:<c>:1Q2:report-missing',
  ]);
  expect((await ledger(onboarded)).map((p) => [p.key, p.clause, p.amountFen])).toEqual(
    proposals.map((p) => [p.key, p.clause, p.amountFen]),
  );
  // 1Q1's sum is the missing report's, at its due time (missingReportProposal), proposed when the revised one came.
  expect(proposals[0]!.occurredAt).toBe(iso(q[0]!.dueMs));
  expect((await ledger(onboarded))[0]!.occurredAt).toBe(iso(q[0]!.dueMs));
});
