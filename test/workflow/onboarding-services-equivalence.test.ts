import { resolveTerms } from '../../src/domain/terms-schema';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../src/domain/time';
import { onboardedServiceInput, serviceConclusions } from '../../src/api/onboarding-services';
import { enteredServiceFacts, type PastServiceRequest } from '../../src/api/onboarding-service-facts';
import {
  serviceRequestWorkflow,
  serviceStateQuery,
  serviceUpdates as u,
  type ServiceRequestInput,
  type ServiceRequestState,
} from '../../src/workflows/service-request';
import {
  AMOUNT,
  approver,
  conclusionsOf,
  DAY,
  HOUR,
  operator,
  sleepUntil,
  startHarness,
  until,
  vendor,
  type Harness,
} from './obligations-harness';

// Issue 10 item 4, s18: service requests (4.5-5.4) raised before the registration and still open.
// Three requests live on the time-skipping server from a contract's signing: A delivered after
// its agreed due date and not yet reviewed, B delivered in time but sent back, so its due end
// passes with nothing accepted and it is delivered again, C agreed far ahead with a 5.4 claim
// contested. The same facts are entered 100 days later on another contract: ledger entries (key,
// clause, amount, time), the requests' states and the dry run's proposals are the same.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('onboarding-services');
  h.f.terms = { penalties: { ...resolveTerms().penalties, otherCommitmentReading: '6.2.2' } }; // priced at once: comparable
});
afterAll(async () => {
  await h?.stop();
});
jest.setTimeout(240_000);
const TODAY = 100 * DAY;
const ACTOR = { hospital: operator, vendor } as const;
const evidence = (name: string) => [{ documentRef: `档案 ${name}`, sha256: 'a'.repeat(64) }];

it('when open service requests are entered at onboarding, then they conclude as the same facts lived through, and the dry run predicts it', async () => {
  const signedMs = await h.env.currentTimeMs();
  const at = (days: number, hours = 0) => new Date(signedMs + days * DAY + hours * HOUR).toISOString();
  const date = (days: number) => addDays(shanghaiDate(signedMs), days);
  const requests: PastServiceRequest[] = [
    {
      requestId: 'A',
      clause: '4.7',
      origin: 'raised',
      title: '数据字典',
      description: 'deliver the database dictionary',
      raisedAt: at(1),
      dueDates: [{ at: at(1, 1), by: 'hospital', dueDate: date(20), acceptedAt: at(2) }],
      acknowledgedAt: at(2, 1),
      startedAt: at(3),
      deliveries: [{ at: at(25), evidence: evidence('A-1') }],
    },
    {
      requestId: 'B',
      clause: '4.6',
      origin: 'planned',
      title: '等保测评整改',
      description: 'MLPS review fixes',
      raisedAt: at(5),
      dueDates: [{ at: at(6), by: 'vendor', dueDate: date(30), reason: '排期', acceptedAt: at(6, 2) }],
      acknowledgedAt: at(7),
      deliveries: [
        {
          at: at(20),
          evidence: evidence('B-1'),
          review: { at: at(22), decision: 'send-back', reason: '缺少复测报告' },
        },
        { at: at(35), evidence: evidence('B-2'), note: '补充复测报告' },
      ],
    },
    {
      requestId: 'C',
      clause: '5.4',
      origin: 'raised',
      title: '个性化报表',
      description: 'a personalised report',
      raisedAt: at(40),
      dueDates: [{ at: at(40), by: 'hospital', dueDate: date(200), acceptedAt: at(41) }],
      acknowledgedAt: at(41, 1),
      largeChange: {
        claimedAt: at(45),
        reason: '涉及三个模块',
        decision: { at: at(50), decision: 'contest', reason: '属于小改动' },
      },
    },
  ];

  // Lived: each request raised at its time, each act sent at its time by its party.
  const lived = new Map<string, { state: () => Promise<ServiceRequestState> }>();
  const steps: [number, () => Promise<unknown>][] = [];
  for (const r of requests) {
    const input: ServiceRequestInput = {
      ...onboardedServiceInput('C-lived', r, 'x'),
      raisedBy: operator,
      onboarded: undefined,
    };
    let handle: Awaited<ReturnType<typeof h.env.client.workflow.start<typeof serviceRequestWorkflow>>>;
    steps.push([
      Date.parse(r.raisedAt),
      async () => {
        handle = await h.env.client.workflow.start(serviceRequestWorkflow, {
          taskQueue: h.taskQueue,
          workflowId: `service:C-lived:${r.requestId}`,
          args: [input],
        });
        await until(
          () => handle.query(serviceStateQuery),
          (s) => s.termsVersion !== null,
        );
        lived.set(r.requestId, { state: () => handle.query(serviceStateQuery) });
      },
    ]);
    for (const e of enteredServiceFacts(r)) {
      const actor = e.fact.action === 'decideLargeChange' ? approver : ACTOR[e.fact.party as 'hospital' | 'vendor'];
      const args: Record<string, unknown> = { ...e.fact.args, actor, occurredAtMs: e.fact.atMs };
      if (e.fact.action === 'deliver')
        args.evidence = (args.evidence as { sha256: string }[]).map((x, i) => cite(x, i));
      steps.push([e.fact.atMs, () => handle.executeUpdate(u[e.fact.action] as never, { args: [args] as never })]);
    }
  }
  steps.sort((a, b) => a[0] - b[0]);
  for (const [when, send] of steps) {
    await sleepUntil(h.env, when);
    await send();
  }
  await sleepUntil(h.env, signedMs + TODAY);

  const entered = new Map<string, () => Promise<ServiceRequestState>>();
  for (const r of requests) {
    const handle = await h.env.client.workflow.start(serviceRequestWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `service:C-entered:${r.requestId}`,
      args: [onboardedServiceInput('C-entered', r, 'admin-wu')],
    });
    entered.set(r.requestId, () => handle.query(serviceStateQuery));
  }
  await h.env.sleep(HOUR); // the entered workflows live their past and record

  const live = conclusionsOf(h, 'C-lived');
  expect(live.penalties.map((p) => [p.key, p.clause, p.occurredAt])).toEqual([
    // Not accepted by their due ends (A delivered after it, B sent back): each breach at its due end.
    ['service:<c>:A:breach', '6.2.2', new Date(endOfShanghaiDay(date(20))).toISOString()],
    ['service:<c>:B:breach', '6.2.2', new Date(endOfShanghaiDay(date(30))).toISOString()],
  ]);
  expect(conclusionsOf(h, 'C-entered')).toEqual(live);

  const view = (s: ServiceRequestState) => ({
    status: s.status,
    due: s.due?.date,
    breach: s.breach && { at: s.breach.at, dueAt: s.breach.dueAt, clause: s.breach.clause, fact: s.breach.fact },
    deliveries: s.deliveries.map((d) => [d.at, d.review?.decision ?? null, d.review?.at ?? null]),
    acknowledged: s.acknowledged?.at,
    largeChange: s.largeChange && [
      s.largeChange.claimedAt,
      s.largeChange.decision?.outcome,
      s.largeChange.decision?.at,
    ],
  });
  for (const r of requests)
    expect(view(await entered.get(r.requestId)!())).toEqual(view(await lived.get(r.requestId)!.state()));
  const b = await entered.get('B')!();
  expect(b.breach?.at).toBe(b.breach?.dueAt); // judged at its due end, as the live timer did
  expect(b.stated.length).toBeGreaterThan(0); // entered facts are stated by their party, contestable

  const dry = serviceConclusions(
    { id: 'C-entered', amountFen: AMOUNT },
    requests,
    resolveTerms(h.f.terms),
    signedMs + TODAY,
  );
  expect(
    dry.penalties.map((p) => ({
      key: p.key.replaceAll('C-entered', '<c>'),
      clause: p.clause,
      amountFen: p.amountFen,
      occurredAt: p.occurredAt,
    })),
  ).toEqual(live.penalties);
  expect(dry.serviceRequests.map((x) => [x.requestId, x.status, x.verdict])).toEqual([
    ['A', 'delivered', 'late'],
    ['B', 'delivered', 'late'],
    ['C', 'acknowledged', 'pending'],
  ]);
});

/** Lived deliveries cite stored documents (the live shape): the same hash per entered archive reference. */
function cite(x: { sha256: string }, i: number) {
  return { documentRef: `doc_${'0'.repeat(31)}${i}@1`, sha256: x.sha256 };
}
