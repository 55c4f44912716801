// The shape of a route's declared refusals (route.ts `refusals`), apart so that route.ts and
// openapi.ts, which import each other, both read it. The families' lists: routes/refusals.ts.

/** A refusal a route answers with: the error codes its body can carry (error-codes.ts), and the rule with its clause. */
export interface Refusal {
  codes: readonly string[];
  rule: string;
}
export type Refusals = Partial<Record<404 | 409, Refusal>>;
/** refusal(['CASE_CLOSED', ...], 'the rule, clause 4.2') */
export const refusal = (codes: readonly string[], rule: string): Refusal => ({ codes, rule });
/** A route that reads one contract (or acts on it): 404 CONTRACT_NOT_FOUND / NOT_FOUND when it does not exist. */
export const CONTRACT_404: Refusals = { 404: refusal(['CONTRACT_NOT_FOUND', 'NOT_FOUND'], 'no contract of this id') };
