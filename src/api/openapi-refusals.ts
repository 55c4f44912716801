// The refusals a declared route documents in the OpenAPI document (route.ts `refusals`), and
// the codes its 404 and 409 bodies may carry: what response-check.ts and the refusals test
// hold each answer to. The document itself: openapi.ts.
import type { RouteSpec } from './route';
import { refusal, type Refusal } from './refusal';

/** The refusals any authenticated route can answer with (the error mapper, errors.ts). */
const REFUSALS: Record<number, string> = {
  400: 'invalid input: the body names the field and, where a contract rule refused it, the clause',
  401: 'no valid bearer API key',
  403: 'the role or the key scope may not do this: the body names the duty and its clause',
  429: 'too many failed authentications from this client or with this key (clause 7); retry after Retry-After',
  503: 'a dependency (PostgreSQL, Temporal, the worker) is unavailable; retry after Retry-After',
};

/**
 * What a route answers (route.ts `refusals`): the refusals every authenticated route can answer
 * (a malformed Idempotency-Key is a 400 on any mutating route), the 404 and 409 it names with
 * their codes, and on a mutating route the 409s of the Idempotency-Key (idempotency.ts).
 */
const ALWAYS = [400, 401, 403, 429, 503] as const;
const KEY_409 = refusal(
  ['IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS'],
  'the Idempotency-Key was used for another request, or its first request is still running',
);
/** Signing in and out is answered before the Idempotency-Key is read (app.ts signInRouter); every other change after. */
const keyed = (spec: RouteSpec) => spec.method !== 'get' && spec.duty !== 'session';
/** The codes a route's 404 or 409 can carry, or undefined when it does not answer that status. */
export function refusalCodes(spec: RouteSpec, status: number): readonly string[] | undefined {
  const own = spec.refusals[status as 404 | 409]?.codes;
  if (status !== 409 || !keyed(spec)) return own;
  return [...(own ?? []), ...KEY_409.codes];
}
const describeRefusal = (r: Refusal) => `${r.rule} (${r.codes.map((c) => `\`${c}\``).join(', ')})`;
export function refusalsOf(spec: RouteSpec): Record<number, { description: string; codes?: readonly string[] }> {
  const out: Record<number, { description: string; codes?: readonly string[] }> = Object.fromEntries(
    ALWAYS.map((s) => [s, { description: REFUSALS[s]! }]),
  );
  for (const status of [404, 409] as const) {
    const own = spec.refusals[status];
    const key = status === 409 && keyed(spec) ? KEY_409 : undefined;
    const parts = [own, key].filter((r): r is Refusal => !!r);
    if (parts.length)
      out[status] = { description: parts.map(describeRefusal).join('; or '), codes: refusalCodes(spec, status) };
  }
  return out;
}
