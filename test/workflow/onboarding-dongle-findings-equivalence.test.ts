import { resolveTerms } from '../../src/domain/terms-schema';
import { SHIPPED_CALENDAR_YEARS, WorkingDayCalendar } from '../../src/domain';
import { onboardingConclusions, type OnboardingHistory } from '../../src/domain/onboarding';
import {
  declareRemovedUpdate,
  dongleStateQuery,
  reportRestrictionUpdate,
  verifyRemovalUpdate,
} from '../../src/workflows/obligations/dongle';
import {
  AMOUNT,
  DAY,
  HOUR,
  operator,
  sleepUntil,
  startHarness,
  vendor,
  type Harness,
  conclusionsOf,
  startObligation,
} from './obligations-harness';

// Issue 10 item 4, gap 4 of s17: the restrictions the hospital found (6.6, reportRestriction)
// entered at onboarding. Two contracts live their dongle obligation on the time-skipping server:
// A finds a restriction before the 4.10 deadline, declares late and finds another later; B never
// declares and finds one after the deadline. Two more contracts, signed at the same instant, are
// entered 100 days later with the same facts. Ledger entries (key, clause, amount, time) and
// rights events are the same lived, entered and in the dry run: each finding its 6.6 sum, the
// deadline's only when no finding before it had charged it (deadlineVerdict).
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboarding-dongle-findings');
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(180_000);
const TODAY = 100 * DAY;

const start = (contractId: string, signedAt: string, onboarded?: OnboardingHistory) =>
  startObligation(h, 'dongleWorkflow', contractId, signedAt, onboarded);
const conclusions = (contractId: string) => conclusionsOf(h, contractId);

it('when restrictions found before the registration are entered, then the dongle concludes as the same facts lived through, and the dry run predicts it', async () => {
  const signedMs = await h.env.currentTimeMs();
  const signedAt = new Date(signedMs).toISOString();
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const histories: Record<'A' | 'B', OnboardingHistory> = {
    A: {
      dongle: {
        declaredAt: at(20),
        verifiedAt: at(21),
        findings: [
          { findingId: 'F1', foundAt: at(2), description: 'time lock on the report module' },
          { findingId: 'F2', foundAt: at(60), description: 'licence code on the HR interface' },
        ],
      },
    },
    B: { dongle: { findings: [{ findingId: 'F1', foundAt: at(40), description: 'USB dongle on the server' }] } },
  };
  const lived = { A: await start('C-A-lived', signedAt), B: await start('C-B-lived', signedAt) };
  const steps: [string, () => Promise<unknown>][] = [];
  for (const k of ['A', 'B'] as const) {
    const d = histories[k].dongle!;
    const wf = lived[k];
    for (const f of d.findings ?? [])
      steps.push([
        f.foundAt,
        () =>
          wf.executeUpdate(reportRestrictionUpdate, {
            args: [
              {
                actor: operator,
                occurredAtMs: Date.parse(f.foundAt),
                findingId: f.findingId,
                description: f.description,
              },
            ],
          }),
      ]);
    if (d.declaredAt)
      steps.push([
        d.declaredAt,
        () =>
          wf.executeUpdate(declareRemovedUpdate, {
            args: [
              {
                actor: vendor,
                occurredAtMs: Date.parse(d.declaredAt!),
                removed: [{ kind: 'licence-code', description: 'licence key' }],
                statement: 'every dongle, time lock and licence code removed',
              },
            ],
          }),
      ]);
    if (d.verifiedAt)
      steps.push([
        d.verifiedAt,
        () =>
          wf.executeUpdate(verifyRemovalUpdate, {
            args: [{ actor: operator, occurredAtMs: Date.parse(d.verifiedAt!), accepted: true }],
          }),
      ]);
  }
  steps.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  for (const [when, send] of steps) {
    await sleepUntil(h.env, Date.parse(when));
    await send();
  }
  await sleepUntil(h.env, signedMs + TODAY);

  const entered = {
    A: await start('C-A-entered', signedAt, histories.A),
    B: await start('C-B-entered', signedAt, histories.B),
  };
  await h.env.sleep(HOUR); // the entered workflows judge their facts and record
  const live = { A: conclusions('C-A-lived'), B: conclusions('C-B-lived') };
  expect(live.A.penalties.map((p) => [p.key, p.occurredAt])).toEqual([
    ['dongle:<c>:finding:F1', at(2)],
    ['dongle:<c>:finding:F2', at(60)],
  ]);
  expect(live.B.penalties.map((p) => p.key)).toEqual(['dongle:<c>:deadline-missed', 'dongle:<c>:finding:F1']);
  expect({ A: conclusions('C-A-entered'), B: conclusions('C-B-entered') }).toEqual(live);
  const view = async (wf: typeof entered.A) => {
    const s = await wf.query(dongleStateQuery);
    return { findings: s.findings.map((f) => [f.findingId, f.foundAt, f.outcome]), missed: s.deadlineMissed };
  };
  for (const k of ['A', 'B'] as const) expect(await view(entered[k])).toEqual(await view(lived[k]));

  for (const k of ['A', 'B'] as const) {
    const contractId = `C-${k}-entered`;
    const dry = onboardingConclusions({
      contractId,
      signedAtMs: signedMs,
      nowMs: signedMs + TODAY,
      amountFen: BigInt(AMOUNT),
      termYears: 3,
      yearlyFeesFen: ['41152263', '41152263', '41152263'],
      goLiveDate: null,
      terms: resolveTerms({}),
      calendar: new WorkingDayCalendar(SHIPPED_CALENDAR_YEARS),
      history: histories[k],
    });
    const strip = (s: string) => s.replaceAll(contractId, '<c>');
    expect({
      penalties: dry.penalties
        .filter((p) => p.caseKind === 'dongle')
        .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      rights: dry.rightsEvents
        .filter((r) => r.key.includes(':dongle:'))
        .map((r) => ({ key: strip(r.key), right: r.right, clause: r.clause }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    }).toEqual(live[k]);
    // and each finding's ledger fact is the live one word for word (it cites no hospital change, 6.6)
    const factsOf = (ps: { key: string; fact: string }[], id: string) =>
      ps
        .filter((p) => p.key.startsWith(`dongle:${id}:finding:`))
        .map((p) => [p.key.replaceAll(id, '<c>'), p.fact])
        .sort();
    const livedFacts = factsOf(h.f.propose, `C-${k}-lived`);
    expect(livedFacts).toHaveLength(k === 'A' ? 2 : 1);
    expect(factsOf(dry.penalties, contractId)).toEqual(livedFacts);
  }
});
