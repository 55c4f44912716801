import { resolveTerms } from '../../src/domain/terms-schema';
import { SHIPPED_CALENDAR_YEARS, WorkingDayCalendar } from '../../src/domain';
import { onboardingConclusions, type OnboardingHistory } from '../../src/domain/onboarding';
import { shanghaiDate } from '../../src/domain/time';
import {
  confirmItemDoneUpdate,
  reportItemDoneUpdate,
  reviewItemsUpdate,
  submitPlanUpdate,
} from '../../src/workflows/obligations/rectification';
import { declareRemovedUpdate, verifyRemovalUpdate } from '../../src/workflows/obligations/dongle';
import { decideStaffChangeUpdate, type StaffChangeInput } from '../../src/workflows/obligations/staff-change';
import type { PastStaffChange } from '../../src/domain/onboarding-staff';
import {
  decideExtensionUpdate,
  recordGoLiveUpdate,
  requestExtensionUpdate,
} from '../../src/workflows/obligations/go-live';
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
} from './obligations-harness';

// Issue 10 item 4, "Done when": a contract signed ten months ago entered with its history gives
// the same conclusions as the same facts lived through. The signing obligations (4.10, 6.3) of
// one contract are lived through on the time-skipping server, each fact sent at its time; a
// second contract, signed at the same instant, is entered ten months later with those facts;
// the dry run's pure conclusions are computed for the same facts. The three conclusion sets
// (ledger entries by key, clause, amount and time; rights events) must be equal.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboarding-equivalence');
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(240_000);

const TODAY = 300 * DAY;

const engineer = (engineerId: string, yearsOnProduct = 3) => ({
  engineerId,
  name: `Engineer ${engineerId}`,
  qualification: 'OA platform certified',
  yearsOnProduct,
  fixed: true,
});

/**
 * The facts, days after signing: a late dongle declaration, a plan on time, items on time, late,
 * very late and open, an extended and late go-live; engineer changes (4.2, 6.7) notified and
 * approved in time, short of notice, never approved, refused, and one the hospital reported
 * after the fact.
 */
function facts(signedMs: number): { history: OnboardingHistory; goLiveDate: string } {
  const at = (d: number) => new Date(signedMs + d * DAY).toISOString();
  const date = (d: number) => shanghaiDate(signedMs + d * DAY);
  return {
    goLiveDate: date(60),
    history: {
      dongle: { declaredAt: at(20), verifiedAt: at(21) },
      rectification: {
        planSubmittedAt: at(5),
        items: [
          { itemId: 'ontime', description: 'rebuild indexes', dueDate: date(30), doneAt: at(29) },
          { itemId: 'late', description: 'rotate logs', dueDate: date(30), doneAt: at(33) },
          { itemId: 'verylate', description: 'patch the OS', dueDate: date(30), doneAt: at(70) },
          { itemId: 'open', description: 'replace the backup job', dueDate: date(200) },
        ],
      },
      goLive: {
        extension: {
          requestedAt: at(55),
          newDate: date(80),
          reason: 'the HR interface',
          decidedAt: at(57),
          approved: true,
        },
        liveAt: at(96),
      },
      staff: {
        register: [engineer('wang'), engineer('zhou', 1)],
        changes: [
          change('ontime', at(10), date(30), ['wang'], [engineer('li')], { approved: true, decidedAt: at(12) }),
          change('short', at(100), date(103), ['zhou'], [engineer('chen', 1)], { approved: true, decidedAt: at(101) }),
          change('unapproved', at(150), date(175), [], [engineer('sun')]),
          change('refused', at(200), date(230), ['li'], [], { approved: false, decidedAt: at(205) }),
          { ...change('unann', at(250), date(248), ['chen'], [engineer('zhao', 1)]), kind: 'unannounced' },
        ],
      },
    },
  };
}

function change(
  requestId: string,
  requestedAt: string,
  effectiveDate: string,
  remove: string[],
  add: ReturnType<typeof engineer>[],
  decision?: { approved: boolean; decidedAt: string },
): PastStaffChange {
  return {
    requestId,
    kind: 'requested',
    requestedAt,
    effectiveDate,
    remove,
    add,
    reason: 'rota',
    ...(decision ? { decision } : {}),
  };
}

/** One staff change lived through: its workflow started at the request, its decision sent at its time. */
const startStaffChange = (contractId: string, ch: PastStaffChange, onboarded?: StaffChangeInput['onboarded']) => {
  const input: StaffChangeInput = {
    contractId,
    requestId: ch.requestId,
    kind: ch.kind,
    requestedAt: ch.requestedAt,
    requestedBy: onboarded ? 'admin-wu (entered at onboarding)' : vendor.name,
    effectiveDate: ch.effectiveDate,
    remove: ch.remove,
    add: ch.add,
    reason: ch.reason,
    ...(onboarded ? { onboarded } : {}),
  };
  return h.env.client.workflow.start('staffChangeWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: `staff-change:${contractId}:${ch.requestId}`,
    args: [input],
  });
};

const start = (contractId: string, signedAt: string, goLiveDate: string, onboarded?: OnboardingHistory) => {
  const past = onboarded ? { onboarded: { by: 'admin-wu', ...onboarded } } : {};
  const opts = (kind: string, wf: string, extra: Record<string, unknown> = {}) =>
    h.env.client.workflow.start(wf, {
      taskQueue: h.taskQueue,
      workflowId: `${kind}:${contractId}`,
      args: [{ contractId, signedAt, ...extra, ...past }],
    });
  const staff = onboarded?.staff?.changes ?? [];
  return Promise.all([
    opts('rectification', 'rectificationWorkflow'),
    opts('dongle', 'dongleWorkflow'),
    opts('golive', 'goLiveWorkflow', { goLiveDate }),
    ...staff.map((ch) =>
      startStaffChange(contractId, ch, {
        by: 'admin-wu',
        ...(ch.decision ? { decision: ch.decision } : {}),
      }),
    ),
  ]);
};

/** The conclusions of a contract as the fakes recorded them, with the contract id taken out of keys. */
function conclusionsOf(contractId: string) {
  const strip = (k: string) => k.replaceAll(contractId, '<c>');
  const withdrawn = new Set(
    [...h.f.records.values()].filter((r) => r.caseId.endsWith(`:${contractId}`)).flatMap((r) => r.withdrawn),
  );
  return {
    penalties: h.f.propose
      .filter((p) => p.contractId === contractId && !withdrawn.has(p.key))
      .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    rights: h.f.rights
      .filter((r) => r.contractId === contractId)
      .map((r) => ({ key: strip(r.key), right: r.right, clause: r.clause }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}

it('when a contract signed ten months ago is entered with its history, then its conclusions equal those of the same facts lived through, and the dry run predicts them', async () => {
  const signedMs = await h.env.currentTimeMs();
  const signedAt = new Date(signedMs).toISOString();
  const { history, goLiveDate } = facts(signedMs);
  const lived = 'C-lived';
  const [rect, dongle, goLive] = await start(lived, signedAt, goLiveDate);
  const item = (it: { itemId: string; description: string; dueDate?: string }) => ({
    itemId: it.itemId,
    description: it.description,
    ...(it.dueDate ? { dueDate: it.dueDate } : {}),
  });
  const items = history.rectification!.items;
  // Every fact of the history in time order, each sent when it happens.
  const steps: [string, (t: number) => Promise<unknown>][] = [
    [
      history.rectification!.planSubmittedAt,
      async (t) => {
        await rect.executeUpdate(submitPlanUpdate, {
          args: [{ actor: vendor, occurredAtMs: t, systemCheck: 'full check', problems: [], items: items.map(item) }],
        });
        await rect.executeUpdate(reviewItemsUpdate, {
          args: [
            { actor: approver, occurredAtMs: t, decisions: items.map((i) => ({ itemId: i.itemId, accepted: true })) },
          ],
        });
      },
    ],
    [
      history.dongle!.declaredAt!,
      (t) =>
        dongle.executeUpdate(declareRemovedUpdate, {
          args: [
            {
              actor: vendor,
              occurredAtMs: t,
              removed: [{ kind: 'licence-code', description: 'licence key' }],
              statement: 'every dongle, time lock and licence code removed',
            },
          ],
        }),
    ],
    [
      history.dongle!.verifiedAt!,
      (t) =>
        dongle.executeUpdate(verifyRemovalUpdate, { args: [{ actor: operator, occurredAtMs: t, accepted: true }] }),
    ],
    ...items
      .filter((i) => i.doneAt)
      .map((i): [string, (t: number) => Promise<unknown>] => [
        i.doneAt!,
        async (t) => {
          await rect.executeUpdate(reportItemDoneUpdate, {
            args: [{ actor: vendor, occurredAtMs: t, itemId: i.itemId }],
          });
          await rect.executeUpdate(confirmItemDoneUpdate, {
            args: [{ actor: operator, occurredAtMs: t, itemId: i.itemId, confirmed: true }],
          });
        },
      ]),
    [
      history.goLive!.extension!.requestedAt,
      (t) =>
        goLive.executeUpdate(requestExtensionUpdate, {
          args: [
            { actor: vendor, occurredAtMs: t, newDate: history.goLive!.extension!.newDate, reason: 'the HR interface' },
          ],
        }),
    ],
    [
      history.goLive!.extension!.decidedAt,
      (t) =>
        goLive.executeUpdate(decideExtensionUpdate, { args: [{ actor: approver, occurredAtMs: t, approved: true }] }),
    ],
    [
      history.goLive!.liveAt!,
      (t) => goLive.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator, occurredAtMs: t }] }),
    ],
  ];
  for (const ch of history.staff!.changes!) {
    const handle: { wf?: Awaited<ReturnType<typeof startStaffChange>> } = {};
    steps.push([
      ch.requestedAt,
      async () => {
        handle.wf = await startStaffChange(lived, ch);
      },
    ]);
    if (ch.decision)
      steps.push([
        ch.decision.decidedAt,
        (t) =>
          handle.wf!.executeUpdate(decideStaffChangeUpdate, {
            args: [{ actor: approver, occurredAtMs: t, approved: ch.decision!.approved }],
          }),
      ]);
  }
  steps.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  for (const [when, send] of steps) {
    await sleepUntil(h.env, Date.parse(when));
    await send(Date.parse(when)); // the fact's time, as a client states it (the clock lands a few ms later)
  }
  await sleepUntil(h.env, signedMs + TODAY);

  // Ten months after the signing, the same contract is entered with its history.
  const entered = 'C-entered';
  await start(entered, signedAt, goLiveDate, history);
  await h.env.sleep(HOUR); // the entered workflows judge their facts and record
  const live = conclusionsOf(lived);
  const onboarded = conclusionsOf(entered);
  expect(live.penalties.length).toBeGreaterThan(0);
  expect(live.penalties.filter((p) => p.clause === '6.7').map((p) => p.key)).toEqual([
    'staff-change:<c>:short:6.7',
    'staff-change:<c>:unann:6.7',
    'staff-change:<c>:unapproved:6.7',
  ]);
  expect(onboarded).toEqual(live);
  // The same changes took effect (4.2 register), the refused one did not.
  const applied = (c: string) =>
    h.f.applied
      .filter((a) => a.contractId === c)
      .map((a) => a.requestId)
      .sort();
  expect(applied(entered)).toEqual(applied(lived));
  expect(applied(lived)).toEqual(['ontime', 'short', 'unann', 'unapproved']);

  const dry = onboardingConclusions({
    contractId: entered,
    signedAtMs: signedMs,
    nowMs: signedMs + TODAY,
    amountFen: BigInt(AMOUNT),
    termYears: 3,
    yearlyFeesFen: ['41152263', '41152263', '41152263'],
    goLiveDate,
    terms: resolveTerms({}),
    calendar: new WorkingDayCalendar(SHIPPED_CALENDAR_YEARS),
    history,
  });
  const strip = (k: string) => k.replaceAll(entered, '<c>');
  expect({
    penalties: dry.penalties
      .map((p) => ({ key: strip(p.key), clause: p.clause, amountFen: p.amountFen, occurredAt: p.occurredAt }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    rights: dry.rightsEvents
      .map((r) => ({ key: strip(r.key), right: r.right, clause: r.clause }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  }).toEqual(live);
});
