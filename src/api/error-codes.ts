// Every error code the API answers with (issue 15: "every error code documented with its
// clause"). The code is what a client keys on. Its HTTP status is stated here; its clause and
// its sentences in Chinese and English are the message catalogue's (src/i18n/catalogue.ts).
// The one table made of the two is served in OpenAPI (the ErrorCode enum and its
// x-error-codes, openapi.ts) and printed in the README ("Error codes", `npm run docs:errors`).
// test/unit/error-codes.test.ts fails when src/ raises a code that is not here, raises it with
// another status, or when the README's table is stale.
import { MESSAGES } from '../i18n/catalogue';

/**
 * The codes by the status the error mapper (errors.ts) answers them with: HttpError's own,
 * ValidationError / invalidInput 400, forbidden 403, NotFoundError 404, RuleViolation /
 * ruleViolation 409, outages 503. A code listed under two statuses is raised with both.
 */
const BY_STATUS: Record<number, string> = {
  400: `
    BAD_REQUEST BEFORE_SIGNING BODY_LENGTH_MISMATCH BOM_NOT_ALLOWED COMPENSATION_OUT_OF_RANGE DATE_OUTSIDE_YEAR
    DOCUMENT_HASH_MISMATCH DUE_DATE_PAST DUPLICATE_DATE DUPLICATE_ENGINEER DUPLICATE_ITEM DUPLICATE_KEY
    EFFECTIVE_TOO_EARLY EXEMPTION_NEEDS_EXPLANATION EXTENSION_NOT_LATER EXTENSION_TOO_LONG FIELD_TOO_LONG
    FILE_REQUIRED GO_LIVE_MISMATCH HOLIDAY_AND_WORKDAY INVALID_AMOUNT INVALID_CALENDAR INVALID_CONTRACT_AMOUNT
    INVALID_CONTRACT_YEAR INVALID_COUNT INVALID_DATE INVALID_EXTENSION INVALID_FAULT_LEVEL INVALID_FEN
    INVALID_INPUT INVALID_INSTANT INVALID_ITEM_ID INVALID_PERIOD INVALID_RATE INVALID_TERMS INVALID_TEXT
    INVALID_UTF8 INVALID_WORKING_DAYS ITEM_NEEDS_DUE_OR_EXEMPTION MALFORMED_JSON MALFORMED_MULTIPART
    NEGATIVE_AMOUNT NEGATIVE_FEN ONE_FILE PLAN_EMPTY RATE_OUT_OF_RANGE RATE_REQUIRED REQUEST_ABORTED TOO_DEEP TOO_MANY_PARTS
    UNKNOWN_CLAUSE UNKNOWN_DOCUMENT UNKNOWN_ENGINEER UNKNOWN_PART UNKNOWN_TERMS_VERSION WRONG_DOCUMENT_KIND
    YEARLY_FEES_MISMATCH YEAR_NOT_STARTED
  `,
  401: 'SIGN_IN_FAILED UNAUTHORIZED',
  403: 'ACTOR_UNVERIFIED CSRF_TOKEN_INVALID FORBIDDEN SECOND_PERSON',
  404: 'CONTRACT_NOT_FOUND ENTRY_NOT_FOUND NOT_FOUND',
  406: 'NOT_ACCEPTABLE',
  409: `
    ACCEPTANCE_NOT_OPEN ACCEPTANCE_NOT_SUBMITTED ALREADY_ACKNOWLEDGED ALREADY_CONTESTED ALREADY_DECIDED
    ALREADY_DECLARED ALREADY_DISPUTED ALREADY_EXISTS ALREADY_LIVE ALREADY_PAID ALREADY_RECORDED ALREADY_RESOLVED
    ALREADY_RESPONDED ALREADY_STARTED ANALYSIS_ALREADY_SUBMITTED ANALYSIS_NOT_REQUIRED BACKDATE_WINDOW
    BEFORE_CONTRACT_TERM BEFORE_OBLIGATION BEFORE_REPORT CASE_CLOSED CASE_NOT_OPEN CHANGE_CLOSED
    COMPENSATION_FINAL CONTEST_OWN_STATEMENT CONTEST_WINDOW_CLOSED CONTRACT_ENDED CONTRACT_EXISTS
    DELIVERY_PENDING DISPUTE_OPEN DUE_NOT_AGREED DUE_PASSED ENGINEER_CHANGE_PENDING ENTRY_CONFIRMED ENTRY_WAIVED
    ENTRY_WITHDRAWN EVIDENCE_REQUIRED EXCLUSION_ACCEPTED EXCLUSION_CLAIM_OPEN EXCLUSION_OPEN
    EXTENSION_ALREADY_REQUESTED EXTENSION_NEEDS_REASON EXTENSION_TOO_LATE EXTENSION_TOO_LONG FINDING_EXISTS
    IDEMPOTENCY_KEY_REUSED ITEM_NOT_AWAITING_REVIEW ITEM_NOT_OPEN ITEM_NOT_REJECTED ITEM_NOT_REPORTED_DONE
    KEY_ALREADY_ROTATED KEY_REVOKED LARGE_CHANGE_CLAIMED LOGIN_TAKEN NOTHING_TO_VERIFY NOT_ACKNOWLEDGED
    NOT_AWAITING_INVESTIGATION NOT_A_REQUEST NOT_A_VENDOR_ENGINEER NOT_CONFIRMED NOT_CONTESTED NOT_DISPUTED
    NOT_HELD NOT_PERSONALISATION NOT_PROPOSED NOT_READY NOT_RESOLVED NOT_RESPONDED NOT_STATED
    NO_ANALYSIS_TO_REVIEW NO_DECISIONS NO_DELIVERY_TO_REVIEW NO_DUE_PROPOSAL NO_LARGE_CHANGE_CLAIM
    NO_OPEN_EXCLUSION NO_PAYLOAD_ENCRYPTION NO_PENDING_EXTENSION NO_QUALIFIED_ENGINEER NO_UNPRICED_BREACH
    NO_UNPRICED_PLAN_BREACH OBLIGATION_CLOSED OWN_PROPOSAL PLAN_ALREADY_SUBMITTED PROPOSAL_DECIDED
    READING_NOT_SELECTED REASON_REQUIRED REGISTER_EXISTS REPORT_NOT_EXPECTED REPORT_NOT_SUBMITTED REQUEST_CLOSED
    REQUEST_IN_PROGRESS SAME_LEVEL STATEMENT_REQUIRED UNKNOWN_ITEM
  `,
  413: 'BODY_TOO_LARGE FILE_TOO_LARGE',
  415: 'BAD_REQUEST UNSUPPORTED_CHARSET UNSUPPORTED_ENCODING UNSUPPORTED_FILE_TYPE UNSUPPORTED_MEDIA_TYPE',
  429: 'ACCOUNT_LOCKED TOO_MANY_FAILED_AUTHENTICATIONS',
  500: 'INTERNAL RESPONSE_SCHEMA_MISMATCH',
  503: 'DATABASE_UNAVAILABLE REQUEST_DEADLINE TEMPORAL_UNAVAILABLE UPDATE_NOT_PROCESSED WORKER_UNAVAILABLE',
};

export interface ErrorCodeRow {
  code: string;
  statuses: number[];
  /** The clauses of clauses.md its refusals cite; empty for transport rules (malformed JSON, outages). */
  clauses: string[];
  /** Some sentences cite the clause of the case at hand (a service request's 4.4-5.4, a fault's 4.9...). */
  casesClause: boolean;
  /** Its first sentence, and every sentence the catalogue has for it (the first among them). */
  en: string;
  zh: string;
  sentences: { en: string; zh: string }[];
}

const STATUSES = new Map<string, number[]>();
for (const [status, codes] of Object.entries(BY_STATUS))
  for (const code of codes.trim().split(/\s+/)) STATUSES.set(code, [...(STATUSES.get(code) ?? []), Number(status)]);

/** Clause numbers in document order: 4.9.2 before 4.10, 6 before 6.3. */
const byClause = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
};

function rows(): ErrorCodeRow[] {
  const codes = [...new Set(MESSAGES.map((m) => m.code))].sort();
  return codes.map((code) => {
    const entries = MESSAGES.filter((m) => m.code === code);
    const clauses = [...new Set(entries.flatMap((e) => (e.clause ? [e.clause] : [])))].sort(byClause);
    return {
      code,
      statuses: STATUSES.get(code) ?? [],
      clauses,
      casesClause: entries.some((e) => e.caseClause || (!e.clause && e.en.includes('{clause}'))),
      en: entries[0]!.en,
      zh: entries[0]!.zh,
      sentences: entries.map((e) => ({ en: e.en, zh: e.zh })),
    };
  });
}

/** Every code the catalogue has, alphabetically, with its statuses, clauses and first sentence. */
export const ERROR_CODE_TABLE: readonly ErrorCodeRow[] = rows();
export const ERROR_CODES = ERROR_CODE_TABLE.map((r) => r.code) as [string, ...string[]];
/** The codes given a status here, whether or not the catalogue has them (the test compares the two). */
export const CODES_WITH_STATUS: ReadonlyMap<string, readonly number[]> = STATUSES;
