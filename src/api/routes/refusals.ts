// The 404s and 409s the routes answer with (route.ts `refusals`, issue 15): per family, the
// codes its rules raise (the workflow validators of src/workflows/*, the services) with the
// clause they enforce. A route declares the refusals of its handler chain from here, so that
// OpenAPI lists per operation the statuses and codes it can give; with VALIDATE_RESPONSES an
// answer with a code its route does not declare fails (response-check.ts), and
// test/unit/api/refusals.test.ts checks each family's list against the codes its rules raise.
import { FAULT_ERRORS } from '../../workflows/fault/messages';
import { STATED_TIME_ERRORS } from '../../workflows/kernel/case-messages';
import { CONTRACT_404, refusal, type Refusal, type Refusals } from '../refusal';

export { CONTRACT_404, refusal };
export const NONE: Refusals = {};

/** Times stated for an earlier instant and their contests (issue 10; src/workflows/kernel), and a fault's own. */
export const STATED_TIME_CODES = [...STATED_TIME_ERRORS, 'BEFORE_REPORT'] as const;
const NOT_FAULT_RULES: readonly string[] = ['CASE_CLOSED', 'INVALID_INPUT', 'FORBIDDEN', ...STATED_TIME_CODES];

/** The rules of each family's case (src/workflows/<family>/*-rules.ts), by the clause they enforce. */
export const FAMILY_CODES = {
  // The fault workflow's own list, less the shared ones (a finished case, stated times, 400/403).
  fault: FAULT_ERRORS.filter((c) => !NOT_FAULT_RULES.includes(c)),
  inspection: ['ALREADY_RESOLVED', 'REPORT_NOT_EXPECTED', 'REPORT_NOT_SUBMITTED'],
  care: [],
  acceptance: ['ACCEPTANCE_NOT_OPEN', 'ACCEPTANCE_NOT_SUBMITTED'],
  dongle: ['ALREADY_DECLARED', 'FINDING_EXISTS', 'NOTHING_TO_VERIFY', 'STATEMENT_REQUIRED'],
  goLive: [
    'ALREADY_LIVE',
    'EXTENSION_ALREADY_REQUESTED',
    'EXTENSION_NEEDS_REASON',
    'EXTENSION_TOO_LATE',
    'EXTENSION_TOO_LONG',
    'NO_PENDING_EXTENSION',
    'OBLIGATION_CLOSED',
  ],
  rectification: [
    'ITEM_NOT_AWAITING_REVIEW',
    'ITEM_NOT_OPEN',
    'ITEM_NOT_REJECTED',
    'ITEM_NOT_REPORTED_DONE',
    'NO_DECISIONS',
    'NO_UNPRICED_PLAN_BREACH',
    'PLAN_ALREADY_SUBMITTED',
    'UNKNOWN_ITEM',
  ],
  staffChange: [
    'ALREADY_DECIDED',
    'CHANGE_CLOSED',
    'NOT_A_REQUEST',
    'ENGINEER_CHANGE_PENDING',
    'NO_QUALIFIED_ENGINEER',
  ],
  service: [
    'ALREADY_ACKNOWLEDGED',
    'ALREADY_STARTED',
    'DELIVERY_PENDING',
    'DUE_NOT_AGREED',
    'DUE_PASSED',
    'LARGE_CHANGE_CLAIMED',
    'NOT_ACKNOWLEDGED',
    'NOT_PERSONALISATION',
    'NOT_READY',
    'NO_DELIVERY_TO_REVIEW',
    'NO_DUE_PROPOSAL',
    'NO_LARGE_CHANGE_CLAIM',
    'NO_UNPRICED_BREACH',
    'OWN_PROPOSAL',
    'REASON_REQUIRED',
    'REQUEST_CLOSED',
  ],
} as const satisfies Record<string, readonly string[]>;
/** What every obligation of the signing refuses (src/workflows/obligations/shared-rules.ts, clause 3). */
const OBLIGATION_SHARED = ['CONTRACT_ENDED', 'NOT_READY'] as const;

/**
 * The refusals of a route that acts on one case: 404 when the case was never started, 409 when
 * its validators refuse the action (codes: the family's rules) or the case has finished
 * (CASE_CLOSED naming the clause; onOpenCase: a finished case is a 409, not a 404, issue 10 item 9).
 */
export const caseRefusals = (what: string, clause: string, codes: readonly string[]): Refusals => ({
  404: refusal(['NOT_FOUND'], `no such ${what} on this contract`),
  409: refusal(
    ['CASE_CLOSED', ...codes],
    `a rule of clause ${clause} refuses the action in the ${what}'s state, or the ${what} has finished`,
  ),
});

/** The contest and contest-decision routes of a family (issue 10, clause 6). */
export const contestRefusals = (what: string, clause: string): Refusals =>
  caseRefusals(what, clause, STATED_TIME_CODES);

/** An action on an obligation of the signing (4.10, 6.3, 4.2): its family's rules, the shared ones and stated times. */
export const obligationRefusals = (what: string, clause: string, family: keyof typeof FAMILY_CODES): Refusals =>
  caseRefusals(what, clause, [...FAMILY_CODES[family], ...OBLIGATION_SHARED, ...STATED_TIME_CODES]);

/** An action on a cycle's case (inspection 4.3, care 4.1, acceptance 8): its family's rules and stated times. */
export const cycleRefusals = (what: string, clause: string, family: keyof typeof FAMILY_CODES): Refusals =>
  caseRefusals(what, clause, [...FAMILY_CODES[family], ...STATED_TIME_CODES]);

/** A fault case's actions (4.9): the fault rules, stated times, and a finished case. */
export const FAULT_ACTION: Refusals = {
  404: refusal(['NOT_FOUND'], 'no such fault case'),
  409: refusal(
    ['CASE_CLOSED', ...FAMILY_CODES.fault, ...STATED_TIME_CODES],
    'a rule of clause 4.9 refuses the action in the case state (the body names it), or the case has closed',
  ),
};

/** The ledger's rules (src/services/ledger.ts, clause 6): an entry's status decides what may follow. */
export const LEDGER_ACTION: Refusals = {
  404: refusal(['ENTRY_NOT_FOUND', 'NOT_FOUND'], 'no ledger entry of this id'),
  409: refusal(
    [
      'ALREADY_DISPUTED',
      'COMPENSATION_FINAL',
      'DISPUTE_OPEN',
      'ENTRY_CONFIRMED',
      'ENTRY_WAIVED',
      'ENTRY_WITHDRAWN',
      'EXCLUSION_CLAIM_OPEN',
      'NOT_CONFIRMED',
      'NOT_DISPUTED',
      'NOT_HELD',
      'NOT_PROPOSED',
    ],
    "the entry's status refuses the action (clause 6)",
  ),
};

/** A 404 of one named thing (a document, a clause, a person, a key ...). */
export const notFoundOf = (what: string): Refusals => ({ 404: refusal(['NOT_FOUND'], `no ${what} of this id`) });
/** Adds a 409 to a route's refusals. */
export const with409 = (r: Refusals, conflict: Refusal): Refusals => ({ ...r, 409: conflict });
/** A contract that has ended takes no more changes (clause 3). */
export const CONTRACT_ENDED = refusal(['CONTRACT_ENDED'], 'the contract has ended (clause 3)');

export const INSPECTION = cycleRefusals('inspection', '4.3, 4.6', 'inspection');
export const DONGLE = obligationRefusals('dongle obligation', '4.10', 'dongle');
export const GO_LIVE = obligationRefusals('go-live obligation', '6.3', 'goLive');
export const RECTIFICATION = obligationRefusals('rectification obligation', '6.3', 'rectification');
/** A decision on a change proposal (clause 3): decided once, on a contract that has not ended. */
export const PROPOSAL: Refusals = {
  404: refusal(['NOT_FOUND'], 'no contract, or no change proposal of this id on it'),
  409: refusal(
    ['PROPOSAL_DECIDED', 'CONTRACT_ENDED'],
    'the proposal was decided already, or the contract has ended (clause 3)',
  ),
};
export const STAFF_CHANGE = obligationRefusals('staff change', '4.2', 'staffChange');
