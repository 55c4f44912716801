// What every service request rule is made of (issue 18): the Rule shape (check, fact, apply),
// the context and notice it works with, the shared state checks (open, undelivered, evidence
// as stored documents) and the role check the validators repeat. rules.ts assembles the rules.
import type { ContractTerms } from '../../domain/terms';
import { partyOf } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import { forbiddenAction, invalidInput, ruleViolation } from '../failures';
import { isSettled, pendingDelivery } from './duties';
import type { ActionBase } from '../kernel/case-messages';
import {
  CITATION_REF,
  CITATION_SHA256,
  type DocumentCitation,
  type Party,
  type ServiceAction,
  type ServiceArgs,
  type ServiceRequestState,
} from './messages';

export interface Ctx {
  terms: ContractTerms;
  amountFen: bigint;
  nowMs: number;
  /** An act entered at onboarding (past.ts): its evidence is cited by archive reference, the store exists after the registration. */
  entered?: boolean;
}
/** The notice an action sends: to the party whose move it is now (topic service.<event>). */
export interface Told {
  event: string;
  to: Party | 'both';
  body?: Record<string, unknown>;
}
export interface Rule<A extends ActionBase = ActionBase> {
  /** Who may act; 'either' = each party (due dates are agreed between them). */
  party: Party | 'either';
  roles?: string[];
  /** The kind of its fact, for the back-dating window (terms statedTimes.backdateHours). */
  kind: string;
  check(s: ServiceRequestState, a: A, c: Ctx): void;
  fact(s: ServiceRequestState, a: A): { type: string; detail: Record<string, unknown>; clause?: string };
  apply(s: ServiceRequestState, a: A, f: Fact, c: Ctx): Told | null;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const refuse = (code: string, message: string, clause: string) =>
  ruleViolation(code, `${message} (clause ${clause})`, clause);
export const open = (s: ServiceRequestState) => {
  if (isSettled(s)) throw refuse('REQUEST_CLOSED', `service request ${s.requestId} is ${s.status}`, s.clause);
};
export const undelivered = (s: ServiceRequestState) => {
  open(s);
  if (pendingDelivery(s)) throw refuse('DELIVERY_PENDING', 'a delivery awaits the hospital’s review', s.clause);
};
export const text = (v: unknown, field: string, clause: string) => {
  if (typeof v !== 'string' || !v.trim()) throw invalidInput(field, `${field} is required (clause ${clause})`, clause);
};
/**
 * A delivery's evidence: one or more stored documents in the one citation shape (the API checks
 * them against the store); entered at onboarding, each by its archive reference and hash.
 */
export const citations = (evidence: unknown, clause: string, archived = false) => {
  if (!Array.isArray(evidence) || evidence.length === 0)
    throw invalidInput('evidence', `a delivery carries its evidence as stored documents (clause ${clause})`, clause);
  evidence.forEach((e: Partial<DocumentCitation> | null, i) => {
    const ref = e?.documentRef;
    if (typeof ref !== 'string' || !(archived ? ref.trim().length > 0 && ref.length <= 500 : CITATION_REF.test(ref)))
      throw invalidInput(
        `evidence.${i}.documentRef`,
        archived
          ? `evidence.${i}.documentRef is the document's archive reference (clause ${clause})`
          : `evidence.${i}.documentRef must be <documentId>@<version> of a stored document (clause ${clause})`,
        clause,
      );
    if (typeof e!.sha256 !== 'string' || !CITATION_SHA256.test(e!.sha256))
      throw invalidInput(
        `evidence.${i}.sha256`,
        `evidence.${i}.sha256 must be 64 hex characters (clause ${clause})`,
        clause,
      );
  });
};
export const by = (a: { actor: { name: string } }, f: Fact) => ({ by: a.actor.name, at: iso(f.occurredAt) });

/** The rules of the given actions, each typed by its own arguments (ServiceArgs). */
export type RulesOf<K extends ServiceAction> = { [P in K]: Rule<ServiceArgs[P]> };

/** Role checks repeated inside validators, so a client other than the API is held to them too. */
export function checkActor(rule: Rule<never>, actor: { role: string }, clause: string): void {
  const party = partyOf(actor.role);
  const allowed =
    rule.roles ??
    (rule.party === 'vendor'
      ? ['vendor-engineer']
      : rule.party === 'hospital'
        ? ['hospital-operator', 'hospital-approver']
        : ['vendor-engineer', 'hospital-operator', 'hospital-approver']);
  if (!allowed.includes(actor.role) || (rule.party !== 'either' && party !== rule.party))
    throw forbiddenAction(`this action is for ${allowed.join(' or ')} (clause ${clause})`, clause);
}
