// Signed actor assertions (issue 12, finding 1): the API tells the workflow who acts, and the
// workflow can check it. Anyone who reaches Temporal's gRPC port can send an update naming any
// actor ("the vendor claims an exclusion", "the approver accepts it": a proposed penalty was
// waived that way with no audit row), so every start, update and signal the API (or the
// worker) sends carries, in the Temporal header `weibao-actor`, the actor the API authenticated
// (role, key id, name, contracts), the time, which workflow and message it is for and a hash of
// the arguments, signed with HMAC-SHA256 under a key only the API and the worker hold
// (TEMPORAL_ACTOR_KEYS). The workflow recomputes the signature (src/workflows/kernel/
// actor-check.ts) and refuses what does not verify. Clause 7: every action authorised by role
// and scope; 4.6: an audit trail nobody can bypass.
//
// Plain functions over JSON with a pure-JS HMAC (@noble/hashes): the same code signs in Node
// and verifies inside the workflow sandbox (no Node crypto there).
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';

export const ACTOR_HEADER = 'weibao-actor';
/** An update signed longer ago than this is refused (a captured assertion cannot be replayed later). */
export const UPDATE_FRESH_MS = 5 * 60_000;

/** Who acts: the API key's role, id, name and contracts; the platform itself signs as role 'system'. */
export interface AssertedActor {
  role: string;
  keyId: string;
  name: string;
  contracts: readonly string[];
}
export const SYSTEM_ACTOR: AssertedActor = { role: 'system', keyId: '', name: 'weibao', contracts: ['*'] };

/**
 * What is signed. `wf` is the workflow id; for a schedule's starts its id prefix (`scheduled`),
 * as the server appends the start time. `op` the update or signal name, or the workflow type.
 */
export interface Claim {
  v: 1;
  kid: string;
  actor: AssertedActor;
  atMs: number;
  wf: string;
  scheduled?: boolean;
  op: string;
  args: string;
}
export interface Assertion extends Claim {
  sig: string;
}

/** Hex keys by id, the current one named: what the worker bundles and the API signs with. */
export interface ActorKeys {
  current: string;
  keys: Record<string, string>;
}

/** JSON with sorted keys (undefined members dropped, as JSON drops them): both sides hash the same text. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const argsDigest = (args: readonly unknown[]): string => bytesToHex(sha256(utf8ToBytes(canonical(args))));

const mac = (key: string, claim: Claim): string => {
  const { v, kid, actor, atMs, wf, scheduled, op, args } = claim;
  return bytesToHex(
    hmac(sha256, hexToBytes(key), utf8ToBytes(canonical({ v, kid, actor, atMs, wf, scheduled, op, args }))),
  );
};

export function signAssertion(
  keys: ActorKeys,
  c: Omit<Claim, 'v' | 'kid' | 'args'> & { args: readonly unknown[] },
): Assertion {
  const key = keys.keys[keys.current];
  if (!key) throw new Error(`TEMPORAL_ACTOR_KEYS: no key ${keys.current}`);
  const claim: Claim = {
    v: 1,
    kid: keys.current,
    actor: c.actor,
    atMs: c.atMs,
    wf: c.wf,
    ...(c.scheduled ? { scheduled: true } : {}),
    op: c.op,
    args: argsDigest(c.args),
  };
  return { ...claim, sig: mac(key, claim) };
}

/** Constant-time comparison of two hex strings (the signature check must not leak where they differ). */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface Expected {
  wf: string;
  op: string;
  args: readonly unknown[];
  /** Only for updates: refuse assertions older than UPDATE_FRESH_MS. */ nowMs?: number;
}

/** The verified actor, or why the assertion is refused (a sentence for the error). */
export function verifyAssertion(keys: ActorKeys | undefined, a: unknown, e: Expected): AssertedActor | string {
  if (!keys) return 'this worker has no TEMPORAL_ACTOR_KEYS, so it trusts no actor';
  if (!a || typeof a !== 'object')
    return `no signed actor assertion (header ${ACTOR_HEADER}): only the weibao API may act`;
  const s = a as Partial<Assertion>;
  const key = typeof s.kid === 'string' ? keys.keys[s.kid] : undefined;
  if (s.v !== 1 || !key || typeof s.sig !== 'string' || !s.actor || typeof s.atMs !== 'number')
    return 'the actor assertion is malformed or signed with an unknown key';
  if (!sameHex(mac(key, s as Claim), s.sig)) return "the actor assertion's signature does not verify";
  const wfMatches = s.wf === e.wf || (s.scheduled === true && e.wf.startsWith(`${s.wf}-`));
  if (!wfMatches || s.op !== e.op || s.args !== argsDigest(e.args))
    return `the actor assertion was signed for another message (${String(s.op)} on ${String(s.wf)})`;
  if (e.nowMs !== undefined && Math.abs(e.nowMs - s.atMs) > UPDATE_FRESH_MS)
    return 'the actor assertion is stale (signed more than 5 minutes ago)';
  return s.actor;
}

/** The actor the arguments name must be the one asserted (the platform re-sends what others recorded). */
export function namedActorMismatch(asserted: AssertedActor, args: readonly unknown[]): string | undefined {
  if (asserted.role === 'system') return undefined;
  const first = args[0] as
    { actor?: { name?: unknown; role?: unknown }; reportedBy?: { name?: unknown; role?: unknown } } | undefined;
  const named = first?.actor ?? first?.reportedBy;
  if (!named) return undefined;
  if (named.name !== asserted.name || named.role !== asserted.role) {
    return `the message names ${String(named.role)} ${String(named.name)}, but the API authenticated ${asserted.role} ${asserted.name}`;
  }
  return undefined;
}
