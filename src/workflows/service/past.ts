// A service request raised before its contract was registered and still open (issue 10 item 4,
// onboarding): its facts entered at their times by the admin on the parties' behalf. The request
// lives its past again with the live rules and nothing else: the clock is walked from the raise
// to the registration, each entered act checked and applied at its own time (rules.ts) and the
// due end judged at its instant (breach.ts), so a delivery accepted on time proposes nothing and
// one late, sent back or missing proposes what the live request would have (6.2.2 at once, 6.5
// awaiting the approver's rate) under the same ledger key. What happened then is recorded now
// (recordedAt is the registration) and tells nobody of past moves: the only notices are the
// stated-time ones by which the other party may contest an entered time. Pure: the workflow and
// the API's dry run and checks (src/api/onboarding-services.ts) call the same function.
import { parseFen } from '../../domain/money';
import { appendFact, type Fact } from '../kernel/facts';
import type { Actor } from '../kernel/actors';
import type { Proposal, Withdrawal } from '../kernel/record';
import { enteredFor } from '../kernel/stated-times';
import type { TermsAt } from '../obligations/common';
import { judgeRequest, type RequestCase } from './breach';
import { nextWakeMs } from './duties';
import { initialServiceState, recordRaise } from './open';
import { checkActor, RULES, type Ctx, type Rule } from './rules';
import { serviceRequestId, type Party, type ServiceAction, type ServiceRequestInput } from './messages';

/** The acts that can be entered on an open request (pricing a 6.5 breach is the approver's, after the registration). */
export const ENTERED_SERVICE_ACTIONS = [
  'proposeDueDate',
  'acceptDueDate',
  'acknowledge',
  'startWork',
  'deliver',
  'reviewDelivery',
  'claimLargeChange',
  'decideLargeChange',
] as const satisfies readonly ServiceAction[];
export type EnteredServiceAction = (typeof ENTERED_SERVICE_ACTIONS)[number];

export interface EnteredServiceFact {
  action: EnteredServiceAction;
  atMs: number;
  /** Whose act it was (a due date is proposed and accepted by either party). */
  party: Party;
  /** The action's own arguments (dueDate, evidence, decision, reason...), as its route takes them. */
  args: Record<string, unknown>;
}
/** ServiceRequestInput.onboarded: who entered the past and its facts (the raise is the input itself). */
export interface OnboardedRequest {
  by: string;
  facts: EnteredServiceFact[];
}

/** Thrown when an entered fact does not fit the live rules at its time: which fact, and why. */
export class PastServiceFactRefused extends Error {
  constructor(
    readonly index: number,
    readonly refusal: unknown,
  ) {
    super(`entered service fact ${index} refused: ${(refusal as Error)?.message ?? String(refusal)}`);
  }
}

/** The live role whose rules an entered act is checked by (the approver's where the rule names it). */
const liveRole = (rule: Rule, party: Party) =>
  rule.roles?.[0] ?? (party === 'vendor' ? 'vendor-engineer' : 'hospital-operator');
const iso = (ms: number) => new Date(ms).toISOString();
const STEP_LIMIT = 1_000; // each step records a fact; a request that needs more is not a request

/** The request as it stands at nowMs after living its entered past, from its raise, in time order. */
export function enterServicePast(r: RequestCase, past: OnboardedRequest, nowMs: number): void {
  const { s, t } = r;
  const quiet: RequestCase = { ...r, tell: () => undefined }; // past moves notify nobody
  const entered = past.facts.map((f, index) => ({ ...f, index })).sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const recorder: Actor = { name: `${past.by} (entered at onboarding)`, role: 'admin' };
  let cursor = Date.parse(s.raisedAt);
  let i = 0;
  for (let step = 0; step < STEP_LIMIT; step++) {
    const next = entered[i];
    const wake = nextWakeMs(s, t.terms, cursor);
    // The due end concludes at its instant, as the live timer; a fact at that instant is late either way (duties.ts).
    if (wake !== null && wake <= nowMs && (next === undefined || wake <= next.atMs)) {
      judgeRequest(quiet, wake);
      cursor = wake;
      continue;
    }
    if (!next) break;
    const rule = RULES[next.action] as unknown as Rule;
    const args = { ...next.args, actor: { name: recorder.name, role: liveRole(rule, next.party) } };
    const ctx: Ctx = { terms: t.terms, amountFen: parseFen(t.amountFen), nowMs: next.atMs, entered: true };
    try {
      checkActor(rule, args.actor, s.clause);
      rule.check(s, args, ctx);
    } catch (e) {
      throw new PastServiceFactRefused(next.index, e);
    }
    const { type, detail, clause } = rule.fact(s, args);
    const f = r.c.fact(recorder, type, detail, clause ?? s.clause, enteredFor(iso(next.atMs), next.party));
    rule.apply(s, args, f, ctx);
    judgeRequest(quiet, next.atMs);
    cursor = next.atMs;
    i += 1;
  }
}

/** The dry run's and the checks' view: the request an entered one becomes at nowMs, computed and discarded. */
export function pastRequest(input: ServiceRequestInput, t: TermsAt, nowMs: number) {
  const s = initialServiceState(input);
  s.termsVersion = t.version;
  const timeline: Fact[] = [];
  const proposals = new Map<string, Omit<Proposal, 'key'>>();
  const withdrawals: Withdrawal[] = [];
  const caseId = serviceRequestId(input.contractId, input.requestId);
  const c: RequestCase['c'] = {
    caseId,
    fact: (actor, type, detail, clause, time) =>
      appendFact(timeline, {
        type,
        occurredAt: time?.occurredAt ?? nowMs,
        recordedAt: nowMs,
        recordedBy: actor,
        ...(time?.statedBy ? { statedBy: time.statedBy, onBehalfOf: time.statedBy } : {}),
        clause,
        detail,
      }),
    propose: (suffix, p) => void (proposals.has(suffix) ? undefined : proposals.set(suffix, p)),
    withdraw: (suffix, reason) => {
      if (proposals.delete(suffix)) withdrawals.push({ key: `${caseId}:${suffix}`, reason });
    },
  };
  const r: RequestCase = { s, c, t, clause: input.clause, tell: () => undefined };
  recordRaise(r, input.raisedBy, enteredFor(input.raisedAt, 'hospital'));
  enterServicePast(r, input.onboarded ?? { by: 'dry-run', facts: [] }, nowMs);
  judgeRequest(r, nowMs); // the workflow's first pass at the registration
  return { s, timeline, proposals: [...proposals].map(([suffix, p]) => ({ key: `${caseId}:${suffix}`, ...p })) };
}
