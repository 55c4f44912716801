// Issue 10 item 4, the years already accepted (3, 8) and the payments after year 1 (10): a
// contract whose year 1 failed, was re-accepted 30 days after its end (so year 2 counts from the
// pass) and whose year 2 passed at once, each payment made after its release, is lived through
// on the time-skipping server with the real activities over PostgreSQL; a second contract signed
// at the same instant is entered afterwards with the same facts. The acceptance records, the
// clause-3 extensions, the payments and the years' states must be equal, the dry run's pure
// conclusions must predict them, and the entered years must not open (no "acceptance.open").
import { resolveTerms } from '../../src/domain/terms-schema';
import { SHIPPED_CALENDAR_YEARS, WorkingDayCalendar } from '../../src/domain';
import { addYearsMs } from '../../src/domain/contract-year';
import { onboardingConclusions } from '../../src/domain/onboarding';
import type { AcceptedYearFact, PaymentFact } from '../../src/domain/onboarding-years';
import { startOnboardedAcceptances } from '../../src/api/onboarding-years';
import * as cq from '../../src/db/queries/cycles';
import { acceptanceState, acceptanceWorkflow, decideAcceptance, submitAcceptance } from '../../src/workflows/cycles';
import { approver, DAY, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';

let h: CyclesHarness;
beforeAll(async () => {
  h = await startCyclesHarness();
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(300_000);

const FEES = ['100000000', '100000000', '100000000']; // the harness's contracts

function history(signedMs: number): { acceptances: AcceptedYearFact[]; payments: PaymentFact[]; todayMs: number } {
  const e1 = addYearsMs(signedMs, 1);
  const p1 = e1 + 30 * DAY;
  const e2 = addYearsMs(p1, 1); // year 2 counts from the pass of year 1 (clause 3)
  const p2 = e2 + 4 * DAY;
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    acceptances: [
      {
        year: 1,
        rounds: [
          {
            submittedAt: at(e1 + 2 * DAY),
            decidedAt: at(e1 + 5 * DAY),
            outcome: 'fail',
            reasons: ['Q3 report missing'],
          },
          {
            submittedAt: at(e1 + 20 * DAY),
            decidedAt: at(p1),
            outcome: 'pass',
            hospitalSignatory: 'dir-zhao',
            vendorSignatory: 'pm-chen',
          },
        ],
      },
      {
        year: 2,
        rounds: [
          {
            submittedAt: at(e2 + DAY),
            decidedAt: at(p2),
            outcome: 'pass',
            hospitalSignatory: 'dir-zhao',
            vendorSignatory: 'pm-chen',
          },
        ],
      },
    ],
    payments: [
      { year: 2, paidAt: at(p1 + 3 * DAY), reference: 'BANK-2' },
      { year: 3, paidAt: at(p2 + 2 * DAY), reference: 'BANK-3' },
    ],
    todayMs: p2 + 10 * DAY,
  };
}

async function sleepUntil(ms: number) {
  const now = await h.env.currentTimeMs();
  if (ms > now) await h.env.sleep(ms - now);
}

/** What a contract's years concluded, as PostgreSQL and the workflows hold them (actors' names left out). */
async function conclusionsOf(contractId: string) {
  const pool = h.db.pool;
  const years = [];
  for (const year of [1, 2]) {
    const s = await h.env.client.workflow.getHandle(`acceptance:${contractId}:${year}`).query(acceptanceState);
    const r = (await cq.acceptanceRecord(pool, contractId, year))!;
    years.push({
      year,
      status: s.status,
      round: s.round,
      yearStart: s.yearStart,
      yearEnd: s.yearEnd,
      submittedAt: s.submittedAt,
      decisions: s.decisions.map((d) => ({ at: d.at, outcome: d.outcome, reasons: d.reasons })),
      record: {
        passedAt: new Date(r.passedAt).toISOString(),
        hospital: r.hospitalSignatory,
        vendor: r.vendorSignatory,
      },
    });
  }
  const extensions = (await cq.listTermExtensions(pool, contractId)).map(
    (e: { year: number; untilAt: Date | null }) => ({
      year: e.year,
      untilAt: e.untilAt && new Date(e.untilAt).toISOString(),
    }),
  );
  const payments = (await cq.listPayments(pool, contractId)).map((p: Record<string, unknown>) => ({
    year: p.year,
    amountFen: String(p.amountFen),
    deductionsFen: String(p.deductionsFen),
    releasedAt: new Date(p.releasedAt as string).toISOString(),
    paidAt: p.paidAt ? new Date(p.paidAt as string).toISOString() : null,
    reference: p.paidReference,
  }));
  return { years, extensions, payments };
}

const topics = async (contractId: string) =>
  (
    await h.db.pool.query<{ topic: string }>('SELECT topic FROM notifications_outbox WHERE contract_id = $1', [
      contractId,
    ])
  ).rows.map((r) => r.topic);

it('when a contract with accepted years (one failed, then re-accepted) and later payments is entered, then its years, extensions and payments equal those lived through, the dry run predicts them, and no entered year opens', async () => {
  const signedMs = await h.env.currentTimeMs();
  const { acceptances, payments, todayMs } = history(signedMs);
  const lived = await h.newContract(signedMs);
  const handles = [1, 2].map((year) =>
    h.env.client.workflow.start(acceptanceWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `acceptance:${lived}:${year}`,
      args: [{ contractId: lived, year }],
    }),
  );
  const [y1, y2] = await Promise.all(handles);
  // Every round and payment in time order, each sent when it happens (as a client states it).
  const steps: [string, (t: number) => Promise<unknown>][] = [];
  for (const [i, y] of acceptances.entries()) {
    const wf = [y1, y2][i];
    for (const r of y.rounds) {
      steps.push([
        r.submittedAt,
        async (t) => {
          await h.until(
            () => wf.query(acceptanceState),
            (s) => s.status === 'awaiting-submission' || s.status === 'failed',
          );
          await wf.executeUpdate(submitAcceptance, { args: [{ actor: vendor, occurredAtMs: t }] });
        },
      ]);
      steps.push([
        r.decidedAt,
        (t) =>
          wf.executeUpdate(decideAcceptance, {
            args: [
              r.outcome === 'fail'
                ? { actor: approver, occurredAtMs: t, outcome: 'fail', reasons: r.reasons }
                : {
                    actor: approver,
                    occurredAtMs: t,
                    outcome: 'pass',
                    hospitalSignatory: r.hospitalSignatory,
                    vendorSignatory: r.vendorSignatory,
                  },
            ],
          }),
      ]);
    }
  }
  for (const p of payments)
    steps.push([
      p.paidAt,
      async () => {
        const row = (await cq.listPayments(h.db.pool, lived)).find((x: { year: number }) => x.year === p.year);
        await cq.markPaymentPaid(h.db.pool, row!.id, 'fin-qian', p.reference ?? null, new Date(p.paidAt));
      },
    ]);
  steps.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  for (const [when, send] of steps) {
    await sleepUntil(Date.parse(when));
    await send(Date.parse(when));
  }
  await sleepUntil(todayMs);

  const entered = await h.newContract(signedMs);
  const deps = { pool: h.db.pool, temporal: h.env.client, config: { TEMPORAL_TASK_QUEUE: h.taskQueue } };
  await startOnboardedAcceptances(
    deps as never,
    { id: entered, signedAt: new Date(signedMs).toISOString() },
    {
      by: 'admin-wu',
      acceptances,
      payments,
    },
  );
  await h.until(
    () => h.env.client.workflow.getHandle(`acceptance:${entered}:2`).query(acceptanceState),
    (s) => s.status === 'passed',
  );
  await h.until(
    () => h.env.client.workflow.getHandle(`acceptance:${entered}:1`).query(acceptanceState),
    (s) => s.status === 'passed',
  );
  const live = await conclusionsOf(lived);
  expect(live.payments.map((p) => p.year)).toEqual([2, 3]);
  expect(live.extensions).toHaveLength(2);
  expect(await conclusionsOf(entered)).toEqual(live);

  // Lived, year-end opened each year; entered, nothing opens and no payment asks finance to pay.
  expect(await topics(lived)).toEqual(expect.arrayContaining(['acceptance.open', 'payment.released']));
  const told = await topics(entered);
  expect(told).not.toContain('acceptance.open');
  expect(told).not.toContain('payment.released');
  expect(told).not.toContain('acceptance.submitted');
  // Item 6: each entered fact is the admin's statement on a party's behalf, marked so the other may contest it.
  const { rows } = await h.db.pool.query(
    `SELECT type, stated_by AS "statedBy", on_behalf_of AS "onBehalfOf", recorded_role AS role FROM case_facts
      WHERE case_id = $1 AND type LIKE 'acceptance.%' ORDER BY seq`,
    [`acceptance:${entered}:1`],
  );
  expect(rows).toEqual([
    { type: 'acceptance.submitted', statedBy: 'vendor', onBehalfOf: 'vendor', role: 'admin' },
    { type: 'acceptance.failed', statedBy: 'hospital', onBehalfOf: 'hospital', role: 'admin' },
    { type: 'acceptance.submitted', statedBy: 'vendor', onBehalfOf: 'vendor', role: 'admin' },
    { type: 'acceptance.passed', statedBy: 'hospital', onBehalfOf: 'hospital', role: 'admin' },
  ]);
  expect(told.filter((t) => t === 'acceptance.stated-time')).toHaveLength(6);

  const dry = onboardingConclusions({
    contractId: entered,
    signedAtMs: signedMs,
    nowMs: todayMs,
    amountFen: 300000000n,
    termYears: 3,
    yearlyFeesFen: FEES,
    goLiveDate: null,
    terms: resolveTerms({}),
    calendar: new WorkingDayCalendar(SHIPPED_CALENDAR_YEARS),
    history: { acceptances, payments },
  });
  expect(dry.payments.filter((p) => p.year > 1).map(({ basis: _b, ...p }) => p)).toEqual(
    live.payments.map((p) => ({ year: p.year, amountFen: p.amountFen, releasedAt: p.releasedAt, paidAt: p.paidAt })),
  );
  expect(dry.acceptances.map((a) => ({ year: a.year, passedAt: a.passedAt }))).toEqual(
    live.years.map((y) => ({ year: y.year, passedAt: y.record.passedAt })),
  );
  expect(dry.acceptances[0].extendedUntil).toBe(live.extensions[1].untilAt);
  expect(dry.periods.map((p) => p.workflowId)).toEqual(
    expect.arrayContaining([`acceptance:${entered}:1`, `acceptance:${entered}:2`, `acceptance:${entered}:3`]),
  );
});
