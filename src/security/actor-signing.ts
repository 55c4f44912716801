// The signing half of signed actor assertions (issue 12, finding 1; the format and the check:
// src/workflows/kernel/actor-assertion.ts, actor-check.ts). Every client the API, the worker
// and the scripts make signs what it sends: starts, signals, updates and the starts a schedule
// will make. The actor is the API key of the request being served (request scope,
// src/api/temporal-guard.ts), else the platform itself ('system': the worker's sweeps, the
// schedules). A raw gRPC client without TEMPORAL_ACTOR_KEYS can sign nothing, so it cannot act
// as anyone.
import type { Client, ScheduleClientInterceptor, ScheduleHandle, WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  ACTOR_HEADER,
  signAssertion,
  SYSTEM_ACTOR,
  type ActorKeys,
  type AssertedActor,
} from '../workflows/kernel/actor-assertion';
import { parseKeyRing } from './key-ring';
import { requestCaller } from '../api/temporal-guard';

/** TEMPORAL_ACTOR_KEYS ("id:base64(32 bytes)[,id:...]", the first signs) as hex keys by id. */
export function actorKeysFrom(spec: string): ActorKeys {
  const ring = parseKeyRing('TEMPORAL_ACTOR_KEYS', spec);
  return {
    current: ring.currentId,
    keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.toString('hex')])),
  };
}

export interface SigningInterceptors {
  workflow: WorkflowClientInterceptor[];
  schedule: ScheduleClientInterceptor[];
}

/** Interceptors that sign every message as `actor()` (undefined: the platform). */
export function actorSigning(
  keys: ActorKeys,
  actor: () => AssertedActor | undefined = () => undefined,
  now: () => number = Date.now,
): SigningInterceptors {
  const header = (
    headers: Record<string, Payload>,
    wf: string,
    op: string,
    args: readonly unknown[] | undefined,
    scheduled?: boolean,
  ) => ({
    ...headers,
    [ACTOR_HEADER]: defaultPayloadConverter.toPayload(
      signAssertion(keys, {
        actor: actor() ?? SYSTEM_ACTOR,
        atMs: now(),
        wf,
        op,
        ...(scheduled ? { scheduled } : {}),
        // What the workflow will decode: the arguments as JSON carries them.
        args: JSON.parse(JSON.stringify(args ?? [])) as unknown[],
      }),
    )!,
  });
  const workflow: WorkflowClientInterceptor = {
    start: (input, next) =>
      next({
        ...input,
        headers: header(input.headers, input.options.workflowId, input.workflowType, input.options.args),
      }),
    signal: (input, next) =>
      next({
        ...input,
        headers: header(input.headers, input.workflowExecution.workflowId, input.signalName, input.args),
      }),
    startUpdate: (input, next) =>
      next({
        ...input,
        headers: header(input.headers, input.workflowExecution.workflowId, input.updateName, input.args),
      }),
  };
  const schedule: ScheduleClientInterceptor = {
    create(input, next) {
      const a = input.options.action;
      if (a.type !== 'startWorkflow') return next(input);
      return next({ ...input, headers: header(input.headers, a.workflowId, a.workflowType, a.args, true) });
    },
  };
  return { workflow: [workflow], schedule: [schedule] };
}

/** The API's signer: the caller of the request being served, as the assertion names it. */
export function apiCaller(): AssertedActor | undefined {
  const a = requestCaller();
  return a ? { role: a.role, keyId: a.keyId, name: a.name, contracts: [...a.contracts] } : undefined;
}

/**
 * A schedule written before signed actors, or by a client that does not sign, has no actor
 * header, and an update keeps the header it has: such a schedule must be created again by a
 * signing client, or every run it starts is refused.
 */
export async function lacksActorHeader(handle: ScheduleHandle): Promise<boolean> {
  const d = await handle.describe();
  return !d.raw.schedule?.action?.startWorkflow?.header?.fields?.[ACTOR_HEADER];
}

/** Whether this client signs what it schedules. */
export const signsSchedules = (client: Client): boolean => (client.options.interceptors.schedule ?? []).length > 0;
