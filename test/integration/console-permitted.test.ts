// Issue 16: GET /faults/{id} answers what the caller's role may do now (permittedActions), from
// the duty matrix and the fault family's own check(); the console shows these and nothing else.
// Each permitted action, sent, is accepted; one that is not permitted is refused.
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const names = (r: { body: { permittedActions: { action: string; factSeq?: number }[] } }) =>
  r.body.permittedActions.map((a) => (a.factSeq ? `${a.action}#${a.factSeq}` : a.action)).sort();

it('when a level-3 fault is reported with an earlier stated time, then each role is offered exactly its actions of this state, and they are accepted when sent', async () => {
  const made = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 3,
    title: 'slow',
    channel: 'phone',
    reporter: 'Li',
    reportedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  });
  const id = encodeURIComponent(made.body.caseId);
  const read = async (role: Parameters<Stack['call']>[0]) =>
    eventually(async () => {
      const r = await stack.call(role, 'GET', `/faults/${id}`);
      return r.status === 200 && r.body.timeline.length > 0 && r;
    });
  // The report's time was stated 10 minutes back by the hospital: the vendor may contest it (4.9).
  expect(names(await read('vendor-engineer'))).toEqual(['claimExclusion', 'contestTime#1', 'respond']);
  expect(names(await read('hospital-operator'))).toEqual(['regrade']);
  expect(names(await read('hospital-approver'))).toEqual(['regrade']);
  expect(names(await read('auditor'))).toEqual([]);
  expect((await read('vendor-engineer')).body.permittedActions.find((a: any) => a.action === 'respond')).toMatchObject({
    path: 'respond',
    clause: '4.9.4',
  });
  // Not offered to the vendor now: resolving before the response is refused with its rule.
  const early = await stack.call('vendor-engineer', 'POST', `/faults/${id}/resolve`, { summary: 'x' });
  expect(early.body.error).toMatchObject({ code: 'NOT_RESPONDED', clause: '4.9.2' });
  expect(
    (await stack.call('vendor-engineer', 'POST', `/faults/${id}/respond`, { engineer: 'Wang', how: 'remote' })).status,
  ).toBe(200);
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `/faults/${id}/contest`, {
        factSeq: 1,
        reason: 'the call came later',
      })
    ).status,
  ).toBe(200);
  const after = await eventually(async () => {
    const r = await stack.call('vendor-engineer', 'GET', `/faults/${id}`);
    return r.body.status === 'responded' && r.body.timeline.some((f: any) => f.type === 'time.contested') && r;
  });
  expect(names(after)).toEqual(['claimExclusion', 'investigate', 'onsiteArrived', 'replacementProvided', 'resolve']);
  const approver = await stack.call('hospital-approver', 'GET', `/faults/${id}`);
  expect(names(approver)).toEqual(['decideContest#1', 'regrade']);
  expect(
    (
      await stack.call('hospital-approver', 'POST', `/faults/${id}/contest-decision`, {
        factSeq: 1,
        decision: 'stated',
        reason: 'the phone log shows the call',
      })
    ).status,
  ).toBe(200);
});
