// Issue 12, finding 1: anyone reaching Temporal's gRPC port sent an exclusion claim "by" the
// vendor and its acceptance "by" the approver, and a proposed penalty was waived with no audit
// row. Now every start, update and signal carries an actor assertion signed with
// TEMPORAL_ACTOR_KEYS (src/workflows/kernel/actor-check.ts). The attacker here is as strong as
// one can be without that key: it holds the payload key too, so only the signature stops it.
import { Client, WorkflowFailedError, type WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, TEST_ACTOR_KEYS, testPayloadCodec, type Stack } from '../helpers/stack';
import { actorKeysFrom, actorSigning } from '../../src/security/actor-signing';
import { ACTOR_HEADER, signAssertion, type AssertedActor } from '../../src/workflows/kernel/actor-assertion';
import { faultUpdates } from '../../src/workflows/fault/messages';
import { obligationContractEndedSignal } from '../../src/workflows/obligations/common';
import { goLiveStateQuery } from '../../src/workflows/obligations/go-live';
import { addDays, shanghaiDate } from '../../src/domain/time';

let stack: Stack;
let contractId: string;
let caseId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
  // A level-1 fault reported 20 minutes late: its response breach proposes a 6.2.1 penalty.
  const res = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 1,
    title: 'OA down',
    channel: 'phone',
    reporter: 'Nurse Li',
    reportedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
  });
  caseId = res.body.caseId;
  await eventually(async () => (await caseNow()).ledger?.length > 0);
});
afterAll(async () => {
  await stack?.stop();
});

const caseNow = async () => (await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`)).body;
const vendor = { name: 'vendor-engineer', role: 'vendor-engineer' };
const approver = { name: 'hospital-approver', role: 'hospital-approver' };
const claim = { actor: vendor, cause: 'network', evidence: ['forged'], explanation: 'not our software' };
const decision = { actor: approver, decision: 'accept', reason: 'agreed' };

/** A client straight to Temporal with the payload key and the given header maker (none: unsigned). */
function attacker(interceptors: WorkflowClientInterceptor[] = []): Client {
  return new Client({
    connection: stack.client.connection,
    namespace: 'default',
    dataConverter: { payloadCodecs: [testPayloadCodec()] },
    interceptors: { workflow: interceptors },
  });
}
/** Attaches an assertion the attacker took from elsewhere (e.g. a history): validly signed, for another message or actor. */
const replaying = (make: () => object): WorkflowClientInterceptor => ({
  startUpdate: (input, next) =>
    next({ ...input, headers: { ...input.headers, [ACTOR_HEADER]: defaultPayloadConverter.toPayload(make())! } }),
});
const asActor = (a: { name: string; role: string }): AssertedActor => ({ ...a, keyId: 'k', contracts: ['*'] });

/** The validator's refusal: its code and message. */
async function refusalOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: { cause?: { message?: string; details?: { code?: string }[] } }) => x,
  );
  return `${e?.cause?.details?.[0]?.code} ${e?.cause?.message}`;
}

async function expectRefusedAndUnchanged(client: Client, why: RegExp): Promise<void> {
  const before = await caseNow();
  const handle = client.workflow.getHandle(caseId);
  expect(await refusalOf(handle.executeUpdate(faultUpdates.claimExclusion, { args: [claim as never] }))).toMatch(
    new RegExp(`^ACTOR_UNVERIFIED .*${why.source}`),
  );
  expect(await refusalOf(handle.executeUpdate(faultUpdates.decideExclusion, { args: [decision as never] }))).toMatch(
    new RegExp(`^ACTOR_UNVERIFIED .*${why.source}`),
  );
  const after = await caseNow();
  expect(after.timeline).toHaveLength(before.timeline.length);
  expect([after.status, after.exclusion ?? null]).toEqual([before.status, before.exclusion ?? null]);
  expect(after.ledger.map((e: { status: string }) => e.status)).toEqual(['proposed']);
  // Refused by the validator: nothing about them reached the case's history.
  const history = await stack.client.workflow.getHandle(caseId).fetchHistory();
  expect(
    history.events?.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'claimExclusion',
    ),
  ).toEqual([]);
}

describe('updates sent straight to Temporal', () => {
  it('when an unsigned exclusion claim "by" the vendor and its acceptance "by" the approver arrive, then both are refused and the penalty stays proposed', async () => {
    await expectRefusedAndUnchanged(attacker(), /no signed actor assertion/);
  });

  it('when they are signed with a key the worker does not hold, then both are refused', async () => {
    const forged = actorKeysFrom(`${TEST_ACTOR_KEYS.current}:${randomBytes(32).toString('base64')}`); // the real key's id, another key
    await expectRefusedAndUnchanged(
      attacker(actorSigning(forged, () => asActor(vendor)).workflow),
      /signature does not verify/,
    );
  });

  it('when they carry a genuine assertion made for another message, then both are refused (an assertion binds workflow, message and arguments)', async () => {
    const genuine = () =>
      signAssertion(TEST_ACTOR_KEYS, {
        actor: asActor(vendor),
        atMs: Date.now(),
        wf: caseId,
        op: 'respond',
        args: [{ actor: vendor, engineer: 'x', how: 'phone' }],
      });
    await expectRefusedAndUnchanged(attacker([replaying(genuine)]), /signed for another message/);
  });

  it('when the assertion is genuine but names someone else than the update does, then both are refused', async () => {
    await expectRefusedAndUnchanged(
      attacker(
        actorSigning(TEST_ACTOR_KEYS, () => asActor({ name: 'hospital-operator', role: 'hospital-operator' })).workflow,
      ),
      /the API authenticated hospital-operator/,
    );
  });

  it('when an assertion is older than five minutes, then the update is refused', async () => {
    await expectRefusedAndUnchanged(
      attacker(
        actorSigning(
          TEST_ACTOR_KEYS,
          () => undefined,
          () => Date.now() - 6 * 60_000,
        ).workflow,
      ),
      /stale/,
    );
  });

  it('when the API sends the same claim for the authenticated vendor, then it is accepted (the control)', async () => {
    const res = await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(caseId)}/exclusion`, {
      cause: 'network',
      evidence: ['switch log'],
      explanation: 'core switch down',
    });
    expect(res.status).toBe(200);
    expect((await caseNow()).timeline.map((f: { type: string }) => f.type)).toContain('exclusion.claimed');
  });
});

describe('starts sent straight to Temporal', () => {
  it('when a fault case is started without the API, then the workflow fails before it runs and nothing reaches the record', async () => {
    const forgedId = `fault:${contractId}:9999`;
    const input = {
      caseId: forgedId,
      contractId,
      caseNo: 9999,
      level: 1,
      title: 'forged',
      description: 'forged',
      channel: 'phone',
      affectsOperations: true,
      reporter: 'nobody',
      reportedAtMs: Date.now() - 3_600_000,
      reportedBy: { name: 'hospital-operator', role: 'hospital-operator' },
    };
    const handle = await attacker().workflow.start('faultCaseWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: forgedId,
      args: [input],
    });
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM fault_cases WHERE case_id = $1', [
      forgedId,
    ]);
    expect(rows[0].n).toBe(0);
    expect((await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(forgedId)}`)).status).toBe(404);
  });
});

describe('signals sent straight to Temporal', () => {
  it('when "the contract ended" is signalled to a go-live obligation without the API, then the obligation ignores it', async () => {
    const c = await createContract(stack, {
      signedAt: new Date(Date.now() - 60_000).toISOString(),
      goLiveDate: addDays(shanghaiDate(Date.now()), 30),
    });
    const id = `golive:${c.id}`;
    await eventually(async () => (await stack.client.workflow.getHandle(id).query(goLiveStateQuery)).latestExtension);
    await attacker()
      .workflow.getHandle(id)
      .signal(obligationContractEndedSignal, { endedAt: new Date().toISOString(), reason: 'forged' });
    // The worker has handled the signal once a workflow task completed after it.
    await eventually(async () => {
      const events = (await stack.client.workflow.getHandle(id).fetchHistory()).events ?? [];
      const at = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'contractEnded');
      return at >= 0 && events.slice(at).some((e) => e.workflowTaskCompletedEventAttributes);
    });
    const state = await stack.client.workflow.getHandle(id).query(goLiveStateQuery);
    expect(state.contractEnded).toBeNull();
    expect((await stack.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
  });
});
