// The signed actor assertion (issue 12, finding 1): what the API signs and the workflow checks.
import { createHmac, randomBytes } from 'node:crypto';
import { actorKeysFrom } from '../../../src/security/actor-signing';
import {
  argsDigest,
  canonical,
  namedActorMismatch,
  signAssertion,
  verifyAssertion,
  type AssertedActor,
} from '../../../src/workflows/kernel/actor-assertion';

const keys = actorKeysFrom(`a1:${randomBytes(32).toString('base64')}`);
const vendor: AssertedActor = { role: 'vendor-engineer', keyId: 'k-1', name: 'Wang', contracts: ['C-1'] };
const args = [
  { actor: { name: 'Wang', role: 'vendor-engineer' }, cause: 'network', evidence: ['log'], note: undefined },
];
const signed = (over: Partial<Parameters<typeof signAssertion>[1]> = {}) =>
  signAssertion(keys, { actor: vendor, atMs: 1_000, wf: 'fault:C-1:1', op: 'claimExclusion', args, ...over });
const expected = { wf: 'fault:C-1:1', op: 'claimExclusion', args: JSON.parse(JSON.stringify(args)) as unknown[] };

describe('actor assertions', () => {
  it('when the arguments travel as JSON, then their digest is the same on both sides (sorted keys, undefined dropped)', () => {
    expect(canonical({ b: 1, a: [undefined, 'x'], c: undefined })).toBe('{"a":[null,"x"],"b":1}');
    expect(argsDigest(args)).toBe(argsDigest(expected.args));
  });

  it('when an assertion is signed with the ring, then it verifies to its actor, and the HMAC is standard HMAC-SHA256', () => {
    const a = signed();
    expect(verifyAssertion(keys, a, expected)).toEqual(vendor);
    const { sig, ...claim } = a;
    expect(sig).toBe(
      createHmac('sha256', Buffer.from(keys.keys.a1!, 'hex'))
        .update(canonical({ ...claim }))
        .digest('hex'),
    );
  });

  it.each([
    ['no assertion', undefined, /no signed actor assertion/],
    ['a changed actor', { ...signed(), actor: { ...vendor, role: 'hospital-approver' } }, /does not verify/],
    ['an unknown key id', { ...signed(), kid: 'a2' }, /unknown key/],
    ['another workflow', signed({ wf: 'fault:C-1:2' }), /another message/],
    ['another update', signed({ op: 'respond' }), /another message/],
    ['other arguments', signed({ args: [{ ...args[0], cause: 'hardware' }] }), /another message/],
  ])('when the assertion is %s, then it is refused', (_what, a, why) => {
    expect(verifyAssertion(keys, a, expected)).toMatch(why);
  });

  it('when an update is checked five minutes and one second after signing, then it is stale; a start or signal has no such limit', () => {
    expect(verifyAssertion(keys, signed(), { ...expected, nowMs: 1_000 + 5 * 60_000 + 1_000 })).toMatch(/stale/);
    expect(verifyAssertion(keys, signed(), expected)).toEqual(vendor);
  });

  it('when a schedule signed its workflow id prefix, then its runs (id + start time) verify, other ids do not', () => {
    const a = signed({ wf: 'weibao-launch:inspection:C-1', scheduled: true });
    expect(verifyAssertion(keys, a, { ...expected, wf: 'weibao-launch:inspection:C-1-2026-01-01T00:05:00Z' })).toEqual(
      vendor,
    );
    expect(verifyAssertion(keys, a, { ...expected, wf: 'weibao-launch:inspection:C-2' })).toMatch(/another message/);
  });

  it('when the arguments name another actor than the one asserted, then it is a mismatch, unless the platform re-sends', () => {
    expect(namedActorMismatch(vendor, [{ actor: { name: 'Li', role: 'hospital-approver' } }])).toMatch(
      /names hospital-approver Li/,
    );
    expect(namedActorMismatch(vendor, args)).toBeUndefined();
    expect(
      namedActorMismatch({ ...vendor, role: 'system' }, [{ reportedBy: { name: 'Li', role: 'hospital-operator' } }]),
    ).toBeUndefined();
  });

  it('when the worker has no keys, then nothing verifies (fail closed)', () => {
    expect(verifyAssertion(undefined, signed(), expected)).toMatch(/no TEMPORAL_ACTOR_KEYS/);
  });
});
