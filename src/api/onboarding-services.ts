// Onboarding a running contract (issue 10 item 4): the `onboarding.serviceRequests` block,
// service requests raised before the registration and still open (4.5-5.4), each fact at its
// time. The checks refuse a request its live case would not have had (400 naming the field and
// the clause); the dry run answers each request's due date, verdict and ledger proposal; the
// registration hook starts each request's live workflow with its entered past, which it lives
// again at its times (workflows/service/past.ts). The checks, the dry run and the workflow run
// the one pure function, so they cannot disagree. A request already accepted (or agreed out of
// the free scope, 5.4) before the registration is closed: out of scope, as a closed fault is.
import type { ApplicationFailure } from '@temporalio/common';
import { invalid } from './errors';
import type { ApiDeps } from './deps';
import type { ContractSummary } from './contract-hooks';
import { proposal } from './onboarding-proposals';
import { startOnce } from './routes/obligation-kit';
import { enteredServiceFacts, type PastServiceRequest } from './onboarding-service-facts';
import type { ContractTerms } from '../domain/terms';
import type { Conclusions, Deadline, ProposedPenalty, ServiceRequestConclusion } from '../domain/onboarding';
import { DOCUMENT_REF } from '../documents/refs';
import { serviceAbout } from '../temporal/case-summaries';
import { dueEndMs, statusOf, verdict } from '../workflows/service/duties';
import { serviceRequestId, serviceRequestWorkflow, type ServiceRequestInput } from '../workflows/service-request';
import { PastServiceFactRefused, pastRequest } from '../workflows/service/past';
import type { TermsAt } from '../workflows/kernel/activities';
export { OnboardedServices, serviceTimes } from './onboarding-service-facts';

const ms = (s: string) => Date.parse(s);
const iso = (n: number) => new Date(n).toISOString();

/** The live request's input for an entered one: the admin raises it on the hospital's behalf. */
export function onboardedServiceInput(contractId: string, r: PastServiceRequest, by: string): ServiceRequestInput {
  return {
    contractId,
    requestId: r.requestId,
    clause: r.clause as ServiceRequestInput['clause'],
    origin: r.origin,
    title: r.title,
    description: r.description,
    documents: [],
    raisedAt: iso(ms(r.raisedAt)),
    raisedBy: { name: `${by} (entered at onboarding)`, role: 'admin' },
    onboarded: { by, facts: enteredServiceFacts(r).map((e) => e.fact) },
  };
}

/** The terms the registration records, as the request's workflow loads them (version 1, from the signing). */
const termsAt = (contractId: string, terms: ContractTerms, amountFen: string) =>
  ({ contractId, version: 1, terms, amountFen }) as unknown as TermsAt;

/**
 * Ids unique; each fact after the raise, a review after its delivery, an acceptance after its
 * proposal, a decision after its claim; evidence cited by archive reference; nothing that closed
 * the request; then the request is lived through once, so any other rule of the live request
 * refuses here, naming the fact, rather than in the workflow.
 */
export function checkOnboardedServices(
  rs: PastServiceRequest[],
  c: { id: string; amountFen: string },
  terms: ContractTerms,
  nowMs: number,
): void {
  const ids = new Set<string>();
  for (const [i, r] of rs.entries()) {
    const g = `onboarding.serviceRequests.${i}`;
    if (ids.has(r.requestId)) throw invalid(`${g}.requestId`, 'service request ids are unique', r.clause);
    ids.add(r.requestId);
    const facts = enteredServiceFacts(r);
    for (const e of facts)
      if (ms(e.at) < ms(r.raisedAt))
        throw invalid(`${g}.${e.field}`, 'recorded after the request was raised', r.clause);
    for (const [j, d] of (r.dueDates ?? []).entries())
      if (d.acceptedAt && ms(d.acceptedAt) < ms(d.at))
        throw invalid(`${g}.dueDates.${j}.acceptedAt`, 'accepted after it was proposed', r.clause);
    for (const [j, d] of (r.deliveries ?? []).entries()) {
      for (const [k, e] of d.evidence.entries())
        if (DOCUMENT_REF.test(e.documentRef))
          throw invalid(
            `${g}.deliveries.${j}.evidence.${k}.documentRef`,
            "cite the evidence by its archive reference: the contract's document store exists after the registration",
            r.clause,
          );
      if (d.review && ms(d.review.at) < ms(d.at))
        throw invalid(`${g}.deliveries.${j}.review.at`, 'reviewed after it was delivered', r.clause);
      if (d.review?.decision === 'accept')
        throw invalid(
          `${g}.deliveries.${j}.review`,
          'a request accepted before the registration is closed: only open requests are entered',
          r.clause,
        );
    }
    const x = r.largeChange;
    if (x?.decision && ms(x.decision.at) < ms(x.claimedAt))
      throw invalid(`${g}.largeChange.decision.at`, 'decided after it was claimed', '5.4');
    if (x?.decision?.decision === 'agree')
      throw invalid(
        `${g}.largeChange.decision`,
        'a change agreed outside the free scope before the registration is closed: only open requests are entered',
        '5.4',
      );
    try {
      pastRequest(onboardedServiceInput(c.id, r, 'check'), termsAt(c.id, terms, c.amountFen), nowMs);
    } catch (e) {
      if (!(e instanceof PastServiceFactRefused)) throw e;
      const d = ((e.refusal as ApplicationFailure).details?.[0] ?? {}) as { clause?: string };
      throw invalid(`${g}.${facts[e.index]!.field}`, (e.refusal as Error).message, d.clause ?? r.clause);
    }
  }
}

/** The dry run: each entered request as its workflow stands at the registration, with its deadline and proposal. */
export function serviceConclusions(
  c: { id: string; amountFen: string },
  rs: PastServiceRequest[],
  terms: ContractTerms,
  nowMs: number,
): Pick<Conclusions, 'deadlines' | 'penalties' | 'unpriced'> & { serviceRequests: ServiceRequestConclusion[] } {
  const out = {
    deadlines: [] as Deadline[],
    penalties: [] as ProposedPenalty[],
    unpriced: [] as Conclusions['unpriced'],
  };
  const serviceRequests: ServiceRequestConclusion[] = [];
  for (const r of rs) {
    const { s, proposals } = pastRequest(
      onboardedServiceInput(c.id, r, 'dry-run'),
      termsAt(c.id, terms, c.amountFen),
      nowMs,
    );
    const caseId = serviceRequestId(c.id, r.requestId);
    const due = dueEndMs(s);
    const v = verdict(s, nowMs);
    serviceRequests.push({
      requestId: r.requestId,
      caseId,
      status: statusOf(s),
      dueDate: s.due?.date ?? null,
      dueAt: due === null ? null : iso(due),
      verdict: v,
      breach: s.breach ? { clause: s.breach.clause, pricedUnder: s.breach.pricedUnder, priced: s.breach.priced } : null,
    });
    if (due !== null)
      out.deadlines.push({
        obligation: caseId,
        clause: r.clause,
        dueAt: iso(due),
        provisional: false,
        fulfilledAt: s.deliveries.find((d) => !d.review)?.at ?? null,
        verdict: v === 'late' ? 'missed' : 'pending',
      });
    for (const p of proposals) out.penalties.push({ key: p.key, caseKind: 'service', ...proposal(p) });
    if (s.breach && !s.breach.priced && !s.breach.superseded)
      out.unpriced.push({
        obligation: caseId,
        clause: '6.5',
        reason: `${s.breach.fact}: priced by the hospital approver's rate (6.5)`,
      });
  }
  return { ...out, serviceRequests };
}

/** The registration hook: each entered request's workflow started with its past (fixed id: a retry finds it). */
export async function startOnboardedServices(
  deps: ApiDeps,
  c: Pick<ContractSummary, 'id'>,
  rs: PastServiceRequest[],
  by: string,
): Promise<void> {
  for (const r of rs) {
    const input = onboardedServiceInput(c.id, r, by);
    await startOnce(
      deps,
      serviceRequestWorkflow,
      serviceRequestId(c.id, r.requestId),
      'service',
      c.id,
      [input],
      serviceAbout(input),
    );
  }
}
