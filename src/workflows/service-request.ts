// A service request (issue 18, `service:<contractId>:<requestId>`), wired on the case kernel:
// the actions are Updates whose validators run the family's rules (service/rules.ts), the
// verdict is a pure function of the facts (service/duties.ts), and every change reaches
// PostgreSQL through the kernel's one record path with its notices and penalty proposals.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { otherCommitmentPenalty } from '../domain/penalties';
import { formatFen, parseFen } from '../domain/money';
import { obligationCase, waitWhileContestable } from './kernel/case';
import { SYSTEM, type Actor } from './kernel/actors';
import { ruleViolation } from './failures';
import { acts, obligationContractEndedSignal, type TermsAt } from './obligations/common';
import {
  acceptedDelivery,
  awaiting,
  breachFact,
  dueEndMs,
  isSettled,
  nextWakeMs,
  statusOf,
  verdict,
  warnAtMs,
} from './service/duties';
import { checkActor, RULES, type Ctx, type Rule, type Told } from './service/rules';
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
  const s: ServiceRequestState = {
    ...input,
    termsVersion: null,
    status: 'awaiting-due-date',
    due: null,
    dueProposal: null,
    acknowledged: null,
    started: null,
    deliveries: [],
    largeChange: null,
    warnedAt: null,
    breach: null,
    renewal: null,
    contractEnded: null,
    stated: [],
    history: [],
  };
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
  const raiser: Actor = input.raisedBy;
  const raised = c.fact(
    raiser,
    input.licence ? 'licence.registered' : 'request.raised',
    { origin: input.origin, title: input.title, documents: input.documents, licence: input.licence ?? null },
    input.clause,
    { occurredAt: Math.min(raisedMs, Date.now()) },
  );
  const party = raiser.role === 'vendor-engineer' ? 'vendor' : 'hospital';
  if (input.licence) {
    // 4.4: the licence's expiry is the date it must be renewed by (registered, not negotiated).
    s.due = {
      date: input.licence.expiresOn,
      proposedBy: party,
      by: raiser.name,
      at: input.raisedAt,
      factSeq: raised.seq,
    };
    s.acknowledged = party === 'vendor' ? { by: raiser.name, at: input.raisedAt } : null;
  } else if (input.proposedDueDate) {
    s.dueProposal = {
      date: input.proposedDueDate,
      proposedBy: party,
      by: raiser.name,
      at: input.raisedAt,
      factSeq: raised.seq,
    };
  }
  tell('raised', {
    event: input.licence ? 'licence-registered' : 'raised',
    to: party === 'vendor' ? 'hospital' : 'vendor',
  });

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

  /** Warns ahead of a licence's lapse; records a breach when the verdict turns late, withdraws it when the facts turn it back. */
  function judge(now: number): void {
    const terms = t!.terms;
    const warn = warnAtMs(s, terms);
    if (warn !== null && !s.warnedAt && now >= warn && !isSettled(s) && now < dueEndMs(s)!) {
      s.warnedAt = iso(now);
      const f = c.fact(SYSTEM, 'licence.warning', { expiresOn: s.licence!.expiresOn }, '4.4');
      tell(`warning-${f.seq}`, { event: 'licence-expiring', to: 'vendor', body: { expiresOn: s.licence!.expiresOn } });
    }
    const v = verdict(s, now);
    if (v === 'late' && (!s.breach || s.breach.superseded)) breached(now, v);
    if (v !== 'late' && s.breach && !s.breach.superseded) superseded(v);
    if (s.breach?.priced && s.breach.penaltyFen && !s.breach.superseded) propose(s.breach.pricedUnder);
  }

  function breached(now: number, v: 'late'): void {
    const reading = t!.terms.penalties.otherCommitmentReading;
    const dueAt = iso(dueEndMs(s)!);
    const fact = breachFact(s, v);
    s.breach = {
      at: iso(now),
      dueAt,
      clause: s.licence ? '4.4' : input.clause,
      pricedUnder: reading,
      fact,
      priced: false,
    };
    const f = c.fact(
      SYSTEM,
      s.licence ? 'licence.lapsed' : 'due-date.missed',
      { dueAt, pricedUnder: reading },
      s.breach.clause,
    );
    if (reading === '6.2.2') {
      const p = otherCommitmentPenalty(parseFen(t!.amountFen), undefined, '6.2.2', t!.terms);
      Object.assign(s.breach, { priced: true, penaltyFen: formatFen(p.amountFen), basis: p.basis, reading: p.reading });
    }
    tell(`breach-${f.seq}`, {
      event: s.licence ? 'licence-lapsed' : 'breach',
      to: 'both',
      body: { dueAt, pricedUnder: reading, priced: s.breach.priced },
    });
  }

  function superseded(v: string): void {
    const f = c.fact(SYSTEM, 'breach.superseded', { verdict: v }, input.clause);
    s.breach!.superseded = `fact ${f.seq}: the verdict is ${v}`;
    c.withdraw('breach', `superseded by fact ${f.seq} of ${c.caseId}: the request is ${v}`);
  }

  function propose(clause: '6.5' | '6.2.2'): void {
    const b = s.breach!;
    const done = s.deliveries.find((d) => d.review?.decision === 'accepted');
    const atMs = done ? Date.parse(done.at) : Date.parse(b.at);
    c.propose('breach', {
      clause,
      termsVersion: t!.version,
      fact: b.fact,
      dueAt: b.dueAt,
      lateByMs: Math.max(0, atMs - Date.parse(b.dueAt)),
      amountFen: b.penaltyFen!,
      basis: b.basis!,
      ...(b.reading ? { reading: b.reading } : {}),
      occurredAt: iso(atMs),
    });
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
