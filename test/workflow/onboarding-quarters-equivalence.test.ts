import type { ApiDeps } from '../../src/api/deps';
import { checkPastQuarters, startOnboardedQuarters } from '../../src/api/onboarding-quarters';
import type { PastQuarters } from '../../src/api/onboarding-quarter-facts';
import { quarterConclusions } from '../../src/api/onboarding-quarters-judged';
import { insertCareLog } from '../../src/db/queries/cycles';
import { quarterIfKnown } from '../../src/domain/cycles';
import { defaultTerms } from '../../src/domain/terms';
import { shanghaiDate } from '../../src/domain/time';
import { remediationDeadlineMs } from '../../src/workflows/cycles/inspection-duties';
import {
  acknowledgeInspection,
  careLogged,
  careState,
  customerCareWorkflow,
  inspectionState,
  inspectionWorkflow,
  requestInspectionChanges,
  resolveRemediation,
  submitInspectionReport,
  type CareState,
  type InspectionState,
} from '../../src/workflows/cycles';
import { approver, DAY, report, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';
import { sleepUntil } from './obligations-harness';

// Issue 10 item 4, "Done when", for the quarters before the registration (4.1, 4.3, 4.6): a
// contract signed ten months ago lives three quarters on the time-skipping server (inspection
// 1Q1 sent back once with changes requested, delivered again on time, with three high findings
// remediated in time, at the deadline's very instant (on time) and after it (flagged overdue at
// the deadline); 1Q2 not done, 1Q3 late; care 1Q1 and 1Q3 kept, 1Q2 missed), every fact sent at
// its time; a second contract enters the same facts at the registration. The quarters reach the same states and the same ledger proposals (key,
// clause, amount, time), which are also those of the dry run; the past moves notify nobody.
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
const HIGH = ['TLS 1.0 enabled', 'default admin password', 'open SMB share'].map((title) => ({
  title,
  severity: 'high' as const,
}));
const visit = (at: number) => ({ at: iso(at), channel: 'phone', withWhom: 'IT head', topics: ['network security'] });

/** What both contracts' quarters must agree on, contract ids taken out. */
const inspectionView = (s: InspectionState) => ({
  status: s.status,
  breached: s.breached,
  submittedAt: s.submittedAt,
  lateByMs: s.lateByMs,
  acknowledgedAt: s.acknowledgedAt,
  remediation: s.remediation.map((r) => [r.id, r.status, r.deadline, r.resolvedAt]),
  events: s.history.map((x) => x.event),
});
const careView = (s: CareState) => ({ status: s.status, breached: s.breached, visits: s.visits });
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

it('when a contract signed ten months ago is entered with its past quarters, then each quarter concludes as the same facts lived through', async () => {
  const signedMs = Date.parse(iso(Math.floor((await h.env.currentTimeMs()) / 1000) * 1000));
  const q = [1, 2, 3].map((n) => quarterIfKnown(signedMs, 1, n)!);
  const lived = await h.newContract(signedMs);
  const cases = await Promise.all(
    [1, 2, 3].map(async (quarter) => ({
      inspection: await h.env.client.workflow.start(inspectionWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `inspection:${lived}:1Q${quarter}`,
        args: [{ contractId: lived, year: 1, quarter }],
      }),
      care: await h.env.client.workflow.start(customerCareWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `care:${lived}:1Q${quarter}`,
        args: [{ contractId: lived, year: 1, quarter }],
      }),
    })),
  );
  for (const c of cases)
    await h.until(
      () => c.inspection.query(inspectionState).catch(() => undefined),
      (s) => !!s?.dueAt,
    );

  // Lived: each act sent at its time (1Q1 on time, 1Q3 five days late; 1Q2 nothing).
  const q1Ack = q[0]!.startMs + 42 * DAY;
  const q1Deadline = remediationDeadlineMs(q1Ack, defaultTerms());
  const at = {
    q1FirstReport: q[0]!.startMs + 35 * DAY,
    q1SentBack: q[0]!.startMs + 37 * DAY,
    q1Report: q[0]!.startMs + 40 * DAY,
    q1Ack,
    q1Resolved: q[0]!.startMs + 45 * DAY,
    q1AtDeadline: q1Deadline, // on time: a resolution at the deadline instant (4.6)
    q1Late: q1Deadline + 2 * HOUR,
    q1Visit: q[0]!.startMs + 20 * DAY,
    q3Visit: q[2]!.startMs + 30 * DAY,
    q3Report: q[2]!.dueMs + 5 * DAY,
    q3Ack: q[2]!.dueMs + 6 * DAY,
  };
  const resolve = (itemId: string, occurredAtMs: number) =>
    cases[0]!.inspection.executeUpdate(resolveRemediation, { args: [{ actor: vendor, itemId, occurredAtMs }] });
  const steps: [number, () => Promise<unknown>][] = [
    [at.q1Visit, () => logVisit(0, at.q1Visit)],
    [
      at.q1FirstReport,
      () =>
        cases[0]!.inspection.executeUpdate(submitInspectionReport, {
          args: [{ ...report(), actor: vendor, occurredAtMs: at.q1FirstReport }],
        }),
    ],
    [
      at.q1SentBack,
      () =>
        cases[0]!.inspection.executeUpdate(requestInspectionChanges, {
          args: [{ actor: approver, reasons: ['no penetration test'], occurredAtMs: at.q1SentBack }],
        }),
    ],
    [
      at.q1Report,
      () =>
        cases[0]!.inspection.executeUpdate(submitInspectionReport, {
          args: [{ ...report(), findings: HIGH, actor: vendor, occurredAtMs: at.q1Report }],
        }),
    ],
    [
      at.q1Ack,
      () =>
        cases[0]!.inspection.executeUpdate(acknowledgeInspection, {
          args: [{ actor: approver, occurredAtMs: at.q1Ack }],
        }),
    ],
    [at.q1Resolved, () => resolve('R1', at.q1Resolved)],
    [at.q1AtDeadline, () => resolve('R2', at.q1AtDeadline)],
    [at.q1Late, () => resolve('R3', at.q1Late)],
    [at.q3Visit, () => logVisit(2, at.q3Visit)],
    [
      at.q3Report,
      () =>
        cases[2]!.inspection.executeUpdate(submitInspectionReport, {
          args: [{ ...report(), actor: vendor, occurredAtMs: at.q3Report }],
        }),
    ],
    [
      at.q3Ack,
      () =>
        cases[2]!.inspection.executeUpdate(acknowledgeInspection, {
          args: [{ actor: approver, occurredAtMs: at.q3Ack }],
        }),
    ],
  ];
  async function logVisit(n: number, atMs: number) {
    const v = visit(atMs);
    await insertCareLog(h.db.pool, { contractId: lived, kind: 'visit', occurredAt: v.at, ...v, loggedBy: 'eng-li' });
    await cases[n]!.care.signal(careLogged);
  }
  for (const [when, send] of steps) {
    await sleepUntil(h.env, when);
    await send();
  }
  const registeredMs = signedMs + 300 * DAY;
  await sleepUntil(h.env, registeredMs);

  // Entered at the registration: the same acts at the same times, as the API takes them.
  const r = report();
  const entered: PastQuarters = {
    inspections: [
      {
        year: 1,
        quarter: 1,
        done: true,
        sentBack: [
          {
            doneAt: iso(at.q1FirstReport),
            report: { documentRef: r.documentRef, sha256: r.sha256 },
            findings: r.findings,
            recommendations: r.recommendations,
            requestedAt: iso(at.q1SentBack),
            reasons: ['no penetration test'],
          },
        ],
        doneAt: iso(at.q1Report),
        inspectionDate: shanghaiDate(at.q1FirstReport - DAY),
        engineer: r.engineer,
        report: { documentRef: r.documentRef, sha256: r.sha256 },
        findings: HIGH,
        recommendations: r.recommendations,
        acknowledgedAt: iso(at.q1Ack),
        remediation: [
          { itemId: 'R1', resolvedAt: iso(at.q1Resolved) },
          { itemId: 'R2', resolvedAt: iso(at.q1AtDeadline) },
          { itemId: 'R3', resolvedAt: iso(at.q1Late) },
        ],
      },
      { year: 1, quarter: 2, done: false },
      {
        year: 1,
        quarter: 3,
        done: true,
        doneAt: iso(at.q3Report),
        inspectionDate: shanghaiDate(q[2]!.dueMs - DAY),
        engineer: r.engineer,
        report: { documentRef: r.documentRef, sha256: r.sha256 },
        findings: report().findings,
        recommendations: r.recommendations,
        acknowledgedAt: iso(at.q3Ack),
      },
    ],
    care: [
      { year: 1, quarter: 1, visits: [visit(at.q1Visit)] },
      { year: 1, quarter: 2, visits: [] },
      { year: 1, quarter: 3, visits: [visit(at.q3Visit)] },
    ],
  };
  const onboarded = await h.newContract(signedMs);
  checkPastQuarters(entered, { signedAtMs: signedMs, termYears: 3, nowMs: registeredMs, ext: [] });
  const deps = { pool: h.db.pool, temporal: h.env.client, config: { TEMPORAL_TASK_QUEUE: h.taskQueue } };
  await startOnboardedQuarters(deps as unknown as ApiDeps, { id: onboarded }, entered, 'admin-wu');
  const handle = (kind: string, n: number) => h.env.client.workflow.getHandle(`${kind}:${onboarded}:1Q${n}`);
  for (const n of [1, 2, 3])
    await h.until(
      () =>
        handle('care', n)
          .query(careState)
          .catch(() => undefined),
      (s) => s?.status !== 'open',
    );

  // Past the contest window of the entered times (terms statedTimes.contestHours): every quarter closes.
  await sleepUntil(h.env, registeredMs + 73 * HOUR);
  const live = await Promise.all(cases.map((c) => c.inspection.query(inspectionState)));
  const now = await Promise.all([1, 2, 3].map((n) => handle('inspection', n).query(inspectionState)));
  expect(live.map((s) => [s.status, s.breached, s.lateByMs !== null])).toEqual([
    ['closed', true, false],
    ['overdue', true, false],
    ['closed', true, true],
  ]);
  // 1Q1: sent back and delivered again; R2 at its deadline on time, R3 flagged at the deadline and resolved late.
  expect(live[0]!.history.map((x) => x.event)).toEqual([
    'report-submitted',
    'changes-requested',
    'report-submitted',
    'acknowledged',
    'remediation-resolved',
    'remediation-resolved',
    'remediation-overdue',
    'remediation-resolved',
  ]);
  expect(live[0]!.remediation.map((x) => x.status)).toEqual(['resolved', 'resolved', 'overdue-resolved']);
  const flagged = Date.parse(live[0]!.history.find((x) => x.event === 'remediation-overdue')!.at) - q1Deadline;
  expect([flagged > 0, flagged < 2_000]).toEqual([true, true]); // once the deadline instant has passed
  expect(now.map(inspectionView)).toEqual(live.map(inspectionView));
  for (const [n, s] of now.entries())
    for (const [i, line] of s.history.entries())
      expect([line.event, Math.abs(Date.parse(line.at) - Date.parse(live[n]!.history[i]!.at)) < 2_000]).toEqual([
        line.event,
        true,
      ]);
  const liveCare = await Promise.all(cases.map((c) => c.care.query(careState)));
  const nowCare = await Promise.all([1, 2, 3].map((n) => handle('care', n).query(careState)));
  expect(liveCare.map(careView)).toEqual([
    { status: 'kept', breached: false, visits: 1 },
    { status: 'missed', breached: true, visits: 0 },
    { status: 'kept', breached: false, visits: 1 },
  ]);
  expect(nowCare.map(careView)).toEqual(liveCare.map(careView));

  // The same ledger proposals (key, clause, amount, time), and they are the dry run's.
  const proposals = await ledger(lived);
  expect(proposals.map((p) => p.key)).toEqual([
    'care:<c>:1Q2:visits-missed',
    'inspection:<c>:1Q2:report-missing',
    'inspection:<c>:1Q3:report-missing',
  ]);
  expect(await ledger(onboarded)).toEqual(proposals);
  const dry = quarterConclusions({
    contractId: onboarded,
    signedAtMs: signedMs,
    nowMs: registeredMs,
    termYears: 3,
    ext: [],
    terms: defaultTerms(),
    quarters: entered,
  });
  const dryLedger = dry.penalties
    .map((p) => ({
      key: p.key.replace(onboarded, '<c>'),
      clause: p.clause,
      amountFen: p.amountFen,
      occurredAt: p.occurredAt,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  expect(dryLedger).toEqual(proposals);
  expect(dry.quarters.map((x) => [x.kind, x.period, x.verdict])).toEqual([
    ['inspection', '1Q1', 'on-time'],
    ['care', '1Q1', 'kept'],
    ['inspection', '1Q2', 'missed'],
    ['care', '1Q2', 'missed'],
    ['inspection', '1Q3', 'late'],
    ['care', '1Q3', 'kept'],
  ]);

  // The entered acts are the admin's statements for the acting party; the past moves notify nobody:
  // the onboarded quarters' own notices are the stated-time ones the other party may contest
  expect(now[0]!.stated.map((x) => [x.type, x.statedBy])).toEqual([
    ['report-submitted', 'vendor'],
    ['changes-requested', 'hospital'],
    ['report-submitted', 'vendor'],
    ['acknowledged', 'hospital'],
    ['remediation-resolved', 'vendor'],
    ['remediation-resolved', 'vendor'],
    ['remediation-resolved', 'vendor'],
  ]);
  expect(live[0]!.stated).toEqual([]);
  const { rows } = await h.db.pool.query<{ topic: string }>(
    'SELECT topic FROM notifications_outbox WHERE contract_id = $1 ORDER BY key',
    [onboarded],
  );
  // (the ledger announces each proposal, penalty.proposed, as for any entry: the parties review it).
  expect(new Set(rows.map((x) => x.topic))).toEqual(
    new Set(['inspection.stated-time', 'care.stated-time', 'penalty.proposed']),
  );
  const liveTopics = (
    await h.db.pool.query<{ topic: string }>('SELECT DISTINCT topic FROM notifications_outbox WHERE contract_id = $1', [
      lived,
    ])
  ).rows.map((x) => x.topic);
  expect(liveTopics).toEqual(expect.arrayContaining(['inspection.overdue', 'care.missed']));
});
