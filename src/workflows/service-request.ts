// A service request (issue 18, `service:<contractId>:<requestId>`), wired on the case kernel:
// the actions are Updates whose validators run the family's rules (service/rules.ts), the
// verdict is a pure function of the facts (service/duties.ts), its breach is service/breach.ts,
// and every change reaches PostgreSQL through the kernel's one record path with its notices
// and penalty proposals.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { parseFen } from '../domain/money';
import { obligationCase, waitWhileContestable } from './kernel/case';
import { SYSTEM, type Actor } from './kernel/actors';
import { enteredFor } from './kernel/stated-times';
import { initialServiceState, recordRaise } from './service/open';
import { enterServicePast } from './service/past';
import { ruleViolation } from './failures';
import { acts, obligationContractEndedSignal, type TermsAt } from './obligations/common';
import { acceptedDelivery, awaiting, dueEndMs, isSettled, nextWakeMs, statusOf, verdict } from './service/duties';
import { checkActor, RULES, type Ctx, type Rule, type Told } from './service/rules';
import { judgeRequest } from './service/breach';
import { nextExpiryInput, openNextExpiry } from './service/renewal';
import {
  SERVICE_ACTIONS,
  serviceStateQuery,
  serviceUpdates,
  type ServiceRequestInput,
  type ServiceRequestState,
} from './service/messages';

export * from './service/messages';

const iso = (ms: number) => new Date(ms).toISOString();

export async function serviceRequestWorkflow(input: ServiceRequestInput): Promise<ServiceRequestState> {
  const raisedMs = Date.parse(input.raisedAt);
  const loaded: { t?: TermsAt } = {}; // the terms at the raising, loaded once the handlers are set
  let dirty = false;
  const s: ServiceRequestState = initialServiceState(input);
  const c = obligationCase({
    kind: 'service',
    contractId: input.contractId,
    clause: input.clause,
    terms: () => loaded.t?.terms,
    wake: () => {
      dirty = true;
    },
    retime,
  });
  s.stated = c.stated;
  const view = (): ServiceRequestState => ({ ...s, status: statusOf(s), history: c.history() });
  const ctx = (): Ctx => {
    const t = loaded.t;
    if (!t) throw ruleViolation('NOT_READY', 'the request is still loading its terms; retry shortly', input.clause);
    return { terms: t.terms, amountFen: parseFen(t.amountFen), nowMs: Date.now() };
  };
  const tell = (key: string, told: Told) =>
    c.notice(
      key,
      `service.${told.event}`,
      `${c.caseId}: ${told.event} (clause ${input.clause})`,
      {
        requestId: input.requestId,
        clause: input.clause,
        title: input.title,
        dueDate: s.dueProposal?.date ?? s.due?.date ?? null,
        ...(input.licence ? { licenceName: input.licence.name } : {}),
        ...told.body,
      },
      told.to,
    );

  setHandler(serviceStateQuery, view);
  for (const action of SERVICE_ACTIONS) {
    const rule = RULES[action] as unknown as Rule; // each rule reads its own arguments (ServiceArgs)
    const validate = (a: { actor: Actor; occurredAtMs?: number }) => {
      checkActor(rule, a.actor, input.clause);
      rule.check(s, a, ctx());
      return c.statedTime(rule.kind, a.actor, a.occurredAtMs, input.clause, raisedMs);
    };
    const def = serviceUpdates[action] as unknown as UpdateDefinition<ServiceRequestState, [{ actor: Actor }]>;
    setHandler(
      def,
      (a) => {
        const time = validate(a);
        const { type, detail, clause } = rule.fact(s, a);
        const f = c.fact(a.actor, type, detail, clause ?? input.clause, time);
        const told = rule.apply(s, a, f, ctx());
        if (told) tell(`${action}-${f.seq}`, told);
        dirty = true;
        return view();
      },
      { validator: validate },
    );
  }
  // Clause 3: a request still open when the contract ends is closed; what was due before is judged.
  setHandler(obligationContractEndedSignal, (e) => {
    if (s.contractEnded || isSettled(s)) return;
    s.contractEnded = { at: e.endedAt, reason: e.reason };
    c.fact(SYSTEM, 'contract.end', { reason: e.reason }, '3');
    dirty = true;
  });

  const t = (loaded.t = await acts.termsAt({ contractId: input.contractId, atMs: raisedMs }));
  s.termsVersion = t.version;
  const r = { s, c, t, clause: input.clause, tell };
  const judge = (now: number) => judgeRequest(r, now);
  if (input.onboarded) {
    // Issue 10 item 4: raised before the registration (the hospital's, entered by the admin); its past lived again.
    recordRaise(r, input.raisedBy, enteredFor(input.raisedAt, 'hospital'));
    enterServicePast(r, input.onboarded, Date.now());
  } else {
    const party = recordRaise(r, input.raisedBy, { occurredAt: Math.min(raisedMs, Date.now()) });
    tell('raised', {
      event: input.licence ? 'licence-registered' : 'raised',
      to: party === 'vendor' ? 'hospital' : 'vendor',
    });
  }

  for (;;) {
    dirty = false;
    judge(Date.now());
    if (acceptedDelivery(s)?.renewedUntil && !s.renewal) await renew(acceptedDelivery(s)!.renewedUntil!);
    if (isSettled(s) && !(s.breach && !s.breach.priced && !s.breach.superseded)) break;
    const now = Date.now();
    const wake = nextWakeMs(s, t.terms, now);
    await c.record(visibility(), view());
    if (wake === null) await condition(() => dirty);
    else await condition(() => dirty, Math.max(1, wake - now));
  }
  // A stated time still contestable keeps the request open until it is decided or its window passes.
  for (let hold = c.openUntilMs(); hold !== undefined; hold = c.openUntilMs()) {
    await c.record(visibility(), view());
    dirty = false;
    await waitWhileContestable(() => dirty, hold);
    judge(Date.now());
  }
  await c.record(visibility(), view(), true);
  await condition(allHandlersFinished);
  await c.idle();
  return view();

  function visibility() {
    const v = verdict(s, Date.now());
    return {
      status: statusOf(s),
      awaiting: awaiting(s),
      breached: v === 'late',
      nextDeadlineMs: isSettled(s) ? null : dueEndMs(s),
    };
  }

  /** 4.4: the accepted renewal opens the next expiry's case (service/renewal.ts); this one closes as renewed. */
  async function renew(expiresOn: string): Promise<void> {
    const next = nextExpiryInput(input, expiresOn, workflowInfo().workflowId, Date.now());
    const workflowId = await openNextExpiry(serviceRequestWorkflow, next);
    s.renewal = { expiresOn, workflowId, at: iso(Date.now()) };
    c.fact(SYSTEM, 'licence.renewed', { renewedUntil: expiresOn, next: workflowId }, '4.4');
  }

  /** A decided contest moved a fact's time: the delivery or review it records moves with it. */
  function retime(fact: { seq: number }, atMs: number): void {
    for (const d of s.deliveries) {
      if (d.factSeq === fact.seq) d.at = iso(atMs);
      if (d.review?.factSeq === fact.seq) d.review.at = iso(atMs);
    }
  }
}
