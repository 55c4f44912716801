import { resolveTerms } from '../../src/domain/terms-schema';
import { SHIPPED_CALENDAR_YEARS, WorkingDayCalendar } from '../../src/domain';
import { onboardingConclusions, type OnboardingHistory } from '../../src/domain/onboarding';
import type { PastPlanItem } from '../../src/domain/onboarding-plan-items';
import { shanghaiDate } from '../../src/domain/time';
import {
  confirmItemDoneUpdate,
  rectificationStateQuery,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  reviseItemUpdate,
  submitPlanUpdate,
} from '../../src/workflows/obligations/rectification';
import {
  AMOUNT,
  approver,
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

// Issue 10 item 4, gap 4 of s17: the 6.3 plan's reviews and revisions entered at onboarding. A
// contract lives its plan on the time-skipping server: five items reviewed, three rejected, two of
// them revised (one with a later due date, accepted and done late; one awaiting review at the
// registration), one left rejected; two accepted at once (one done late, one never done). A second
// contract, signed at the same instant, is entered 120 days later with the same facts. The items
// reach the same statuses, texts and due dates, and the ledger and rights events are the same
// lived, entered and in the dry run: an item the hospital has not accepted binds nothing (no
// 30-day right), as live.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboarding-plan-reviews');
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(180_000);
const TODAY = 120 * DAY;

const start = (contractId: string, signedAt: string, onboarded?: OnboardingHistory) =>
  startObligation(h, 'rectificationWorkflow', contractId, signedAt, onboarded);
const conclusions = (contractId: string) => conclusionsOf(h, contractId);

it('when plan items are entered with their reviews and revisions, then the plan concludes as the same facts lived through, and the dry run predicts it', async () => {
  const signedMs = await h.env.currentTimeMs();
  const signedAt = new Date(signedMs).toISOString();
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const date = (days: number) => shanghaiDate(signedMs + days * DAY);
  const reject = (d: number) => ({ at: at(d), accepted: false, note: 'not specific enough' });
  const accept = (d: number) => ({ at: at(d), accepted: true });
  const items: PastPlanItem[] = [
    { itemId: 'A', description: 'rebuild indexes', dueDate: date(40), reviews: [accept(4)], doneAt: at(45) },
    {
      itemId: 'B',
      description: 'single sign-on',
      dueDate: date(30),
      reviews: [reject(4), accept(8)],
      revisions: [{ at: at(6), dueDate: date(50) }],
      doneAt: at(52),
    },
    { itemId: 'C', description: 'audit log', dueDate: date(20), reviews: [reject(4)] },
    {
      itemId: 'D',
      description: 'backup',
      dueDate: date(25),
      reviews: [reject(4)],
      revisions: [{ at: at(7), description: 'encrypted offsite backup', dueDate: date(60) }],
    },
    { itemId: 'E', description: 'patch OS', dueDate: date(10), reviews: [accept(4)] },
  ];
  const history: OnboardingHistory = { rectification: { planSubmittedAt: at(3), items } };
  const lived = await start('C-lived', signedAt);
  const listed = items.map((it) => ({ itemId: it.itemId, description: it.description, dueDate: it.dueDate! }));
  const now = (id: string) => listed.find((x) => x.itemId === id)!;
  const steps: [number, () => Promise<unknown>][] = [
    [
      3,
      () =>
        lived.executeUpdate(submitPlanUpdate, {
          args: [
            { actor: vendor, occurredAtMs: Date.parse(at(3)), systemCheck: 'full check', problems: [], items: listed },
          ],
        }),
    ],
  ];
  const review = (d: number, decisions: { itemId: string; accepted: boolean; note?: string }[]) =>
    steps.push([
      d,
      () =>
        lived.executeUpdate(reviewItemsUpdate, {
          args: [{ actor: approver, occurredAtMs: Date.parse(at(d)), decisions }],
        }),
    ]);
  review(4, [
    { itemId: 'A', accepted: true },
    { itemId: 'B', accepted: false, note: 'not specific enough' },
    { itemId: 'C', accepted: false, note: 'not specific enough' },
    { itemId: 'D', accepted: false, note: 'not specific enough' },
    { itemId: 'E', accepted: true },
  ]);
  const revise = (d: number, item: { itemId: string; description: string; dueDate: string }) =>
    steps.push([
      d,
      () => lived.executeUpdate(reviseItemUpdate, { args: [{ actor: vendor, occurredAtMs: Date.parse(at(d)), item }] }),
    ]);
  revise(6, { ...now('B'), dueDate: date(50) });
  revise(7, { ...now('D'), description: 'encrypted offsite backup', dueDate: date(60) });
  review(8, [{ itemId: 'B', accepted: true }]);
  for (const [id, d] of [
    ['A', 45],
    ['B', 52],
  ] as const)
    steps.push([
      d,
      async () => {
        const t = Date.parse(at(d));
        await lived.executeUpdate(reportItemDoneUpdate, { args: [{ actor: vendor, occurredAtMs: t, itemId: id }] });
        await lived.executeUpdate(confirmItemDoneUpdate, {
          args: [{ actor: operator, occurredAtMs: t, itemId: id, confirmed: true }],
        });
      },
    ]);
  steps.sort((a, b) => a[0] - b[0]);
  for (const [d, send] of steps) {
    await sleepUntil(h.env, Date.parse(at(d)));
    await send();
  }
  await sleepUntil(h.env, signedMs + TODAY);

  const entered = await start('C-entered', signedAt, history);
  await h.env.sleep(HOUR); // the entered workflow judges its facts and records
  const live = conclusions('C-lived');
  expect(live.penalties.map((p) => p.key)).toEqual(['rectification:<c>:item:A:late', 'rectification:<c>:item:B:late']);
  expect(live.rights.map((r) => r.key)).toEqual(['<c>:rectification:E:30-days']);
  expect(conclusions('C-entered')).toEqual(live);
  const view = async (wf: typeof lived) =>
    (await wf.query(rectificationStateQuery)).items.map((i) => [
      i.itemId,
      i.status,
      i.dueDate,
      i.description,
      i.daysLate,
    ]);
  expect(await view(entered)).toEqual(await view(lived));
  expect((await view(lived)).map((x) => x[1])).toEqual(['done', 'done', 'rejected', 'awaiting-review', 'open']);

  const dry = onboardingConclusions({
    contractId: 'C-entered',
    signedAtMs: signedMs,
    nowMs: signedMs + TODAY,
    amountFen: BigInt(AMOUNT),
    termYears: 3,
    yearlyFeesFen: ['41152263', '41152263', '41152263'],
    goLiveDate: null,
    terms: resolveTerms({}),
    calendar: new WorkingDayCalendar(SHIPPED_CALENDAR_YEARS),
    history,
  });
  const strip = (s: string) => s.replaceAll('C-entered', '<c>');
  expect({
    penalties: dry.penalties
      .filter((p) => p.caseKind === 'rectification')
      .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    rights: dry.rightsEvents
      .filter((r) => r.key.includes(':rectification:'))
      .map((r) => ({ key: strip(r.key), right: r.right, clause: r.clause }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  }).toEqual(live);
});
