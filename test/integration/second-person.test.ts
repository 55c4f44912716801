// Issue 12, finding 4: an approver or an admin alone amended the terms or ended the contract
// (bilateral in clause 3). Now one key proposes and a second approves: a key of the other
// party or a hospital approver; the proposer never (src/security/second-person.ts).
import { type Role } from '../../src/api/auth';
import { createApiKey } from '../../src/api/api-keys';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.stop();
});

const amendment = {
  effectiveAt: '2025-06-01T00:00:00+08:00',
  reason: 'supplementary agreement no. 1',
  terms: { faults: { responseMinutes: { 1: 10, 2: 30, 3: 120, 4: 240, 5: 360 } } },
};
const versions = async (id: string) =>
  (await stack.call('auditor', 'GET', `/contracts/${id}`)).body.versions.length as number;
/** Calls with a key of its own (another person of a role, or a key limited to some contracts). */
async function as(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const keyOf = async (role: Role, name: string, contracts = ['*']) =>
  (await createApiKey(stack.db.pool, { name, role, contracts })).key;
const propose = async (role: Role, id: string, what: 'amendments' | 'end', body: unknown) => {
  const res = await stack.call(role, 'POST', `/contracts/${id}/${what}`, body);
  expect(res.status).toBe(202);
  return res.body.proposal.id as string;
};
const decide = (role: Role, id: string, p: string, how: 'approve' | 'reject' | 'withdraw', body: unknown = {}) =>
  stack.call(role, 'POST', `/contracts/${id}/changes/${p}/${how}`, body);

describe('a terms amendment', () => {
  it('when an admin proposes it, then nothing changes until a hospital approver approves; both are audited with the proposal', async () => {
    const c = await createContract(stack);
    const p = await propose('admin', c.id, 'amendments', amendment);
    expect(await versions(c.id)).toBe(1);
    expect((await decide('admin', c.id, p, 'approve')).status).toBe(403); // the platform is no party (duty matrix)
    const approved = await decide('hospital-approver', c.id, p, 'approve');
    expect([
      approved.status,
      approved.body.version,
      approved.body.proposal.status,
      approved.body.proposal.decidedBy.role,
    ]).toEqual([201, 2, 'approved', 'hospital-approver']);
    expect(await versions(c.id)).toBe(2);
    const { rows } = await stack.db.pool.query(
      `SELECT action, actor, detail->>'proposalId' AS p FROM audit_log WHERE target = $1 AND action LIKE 'contract.amend%' ORDER BY id`,
      [c.id],
    );
    expect(rows).toEqual([
      { action: 'contract.amend.propose', actor: 'test-admin', p },
      { action: 'contract.amend', actor: 'test-hospital-approver', p },
    ]);
    expect((await decide('vendor-engineer', c.id, p, 'approve')).body.error.code).toBe('PROPOSAL_DECIDED');
  });

  it('when the proposing approver approves it with the same key or another key of the same name, then it is 403; the vendor approves it', async () => {
    const c = await createContract(stack);
    const p = await propose('hospital-approver', c.id, 'amendments', amendment);
    const own = await decide('hospital-approver', c.id, p, 'approve');
    expect([own.status, own.body.error.code]).toEqual([403, 'SECOND_PERSON']);
    expect(
      (
        await as(
          await keyOf('hospital-approver', 'test-hospital-approver'),
          'POST',
          `/contracts/${c.id}/changes/${p}/approve`,
          {},
        )
      ).status,
    ).toBe(403);
    expect(await versions(c.id)).toBe(1);
    expect((await decide('vendor-engineer', c.id, p, 'approve')).status).toBe(201);
  });

  it('when it would take effect before the latest version, then the proposal itself is refused (400) and nothing is proposed', async () => {
    const c = await createContract(stack);
    const res = await stack.call('admin', 'POST', `/contracts/${c.id}/amendments`, {
      ...amendment,
      effectiveAt: '2024-12-01T00:00:00+08:00',
    });
    expect([res.status, res.body.error.field]).toEqual([400, 'effectiveAt']);
    expect((await stack.call('auditor', 'GET', `/contracts/${c.id}/changes`)).body.items).toEqual([]);
  });
});

describe('the contract end', () => {
  it('when the vendor proposes it, then another vendor key cannot approve it, a key limited to another contract cannot, a hospital approver does', async () => {
    const c = await createContract(stack);
    const other = await createContract(stack);
    const p = await propose('vendor-engineer', c.id, 'end', { reason: 'terminated by agreement' });
    const sameParty = await as(
      await keyOf('vendor-engineer', 'vendor-engineer-2'),
      'POST',
      `/contracts/${c.id}/changes/${p}/approve`,
      {},
    );
    expect([sameParty.status, sameParty.body.error.code]).toEqual([403, 'SECOND_PERSON']);
    expect(
      (
        await as(
          await keyOf('hospital-approver', 'approver-of-B', [other.id]),
          'POST',
          `/contracts/${c.id}/changes/${p}/approve`,
          {},
        )
      ).status,
    ).toBe(403);
    expect((await stack.call('auditor', 'GET', `/contracts/${c.id}`)).body.status).toBe('active');
    const ended = await decide('hospital-approver', c.id, p, 'approve');
    expect([ended.status, ended.body.status, ended.body.proposal.status]).toEqual([200, 'ended', 'approved']);
  });

  it('when a proposal is rejected or withdrawn, then it stays without effect; only its proposer withdraws it', async () => {
    const c = await createContract(stack);
    const p1 = await propose('admin', c.id, 'end', { reason: 'r' });
    expect(
      (await decide('hospital-approver', c.id, p1, 'reject', { reason: 'no agreement' })).body.proposal,
    ).toMatchObject({ status: 'rejected', decisionReason: 'no agreement' });
    const p2 = await propose('hospital-approver', c.id, 'end', { reason: 'r' });
    expect((await decide('vendor-engineer', c.id, p2, 'withdraw', { reason: 'x' })).status).toBe(403);
    expect((await decide('hospital-approver', c.id, p2, 'withdraw', { reason: 'typo' })).body.proposal.status).toBe(
      'withdrawn',
    );
    expect((await decide('vendor-engineer', c.id, p2, 'approve')).body.error.code).toBe('PROPOSAL_DECIDED');
    expect((await stack.call('auditor', 'GET', `/contracts/${c.id}`)).body.status).toBe('active');
    expect(
      (await stack.call('auditor', 'GET', `/contracts/${c.id}/changes`)).body.items.map(
        (i: { status: string }) => i.status,
      ),
    ).toEqual(['rejected', 'withdrawn']);
  });
});
