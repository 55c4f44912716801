// The one shared check of signed actors (issue 12, finding 1), a workflow interceptor module
// the worker loads around every workflow (src/temporal/actor-keys.ts adds it with the keys),
// so no family's validators repeat it:
// - an update whose assertion does not verify is refused by its validator (never reaches
//   history, the case is unchanged), also when it is stale or names another actor;
// - a signal that does not verify is dropped (signals cannot be refused) and logged;
// - a start that does not verify fails the workflow before it runs a line, so a forged case
//   writes nothing. Runs continued as new and children started by a workflow carry no header
//   and need none: only a workflow can make them.
// Signals a workflow sends another (termShifted) are signed here as the platform.
// The keys are compiled into the worker's bundle (__WEIBAO_ACTOR_KEYS__): the sandbox reads
// no environment. Without them every message is refused (fail closed).
import {
  ApplicationFailure,
  defaultPayloadConverter,
  log,
  workflowInfo,
  type Payload,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import {
  ACTOR_HEADER,
  namedActorMismatch,
  signAssertion,
  SYSTEM_ACTOR,
  verifyAssertion,
  type ActorKeys,
  type Expected,
} from './actor-assertion';

declare const __WEIBAO_ACTOR_KEYS__: ActorKeys | undefined;
const KEYS: ActorKeys | undefined = typeof __WEIBAO_ACTOR_KEYS__ === 'undefined' ? undefined : __WEIBAO_ACTOR_KEYS__;

const refusal = (why: string) =>
  ApplicationFailure.create({
    type: 'Forbidden',
    message: `${why} (clause 7: every action is the authenticated caller's)`,
    nonRetryable: true,
    details: [{ code: 'ACTOR_UNVERIFIED', clause: '7' }],
  });

function readHeader(headers: Record<string, Payload>): unknown {
  const p = headers[ACTOR_HEADER];
  if (!p) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(p);
  } catch {
    return undefined;
  }
}

/** Why the message is refused, or undefined when its actor verifies. */
function refusedBecause(headers: Record<string, Payload>, e: Expected): string | undefined {
  const actor = verifyAssertion(KEYS, readHeader(headers), e);
  return typeof actor === 'string' ? actor : namedActorMismatch(actor, e.args);
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      validateUpdate(input, next) {
        const why = refusedBecause(input.headers, {
          wf: workflowInfo().workflowId,
          op: input.name,
          args: input.args,
          nowMs: Date.now(),
        });
        if (why) throw refusal(why);
        next(input);
      },
      async handleSignal(input, next) {
        const why = refusedBecause(input.headers, {
          wf: workflowInfo().workflowId,
          op: input.signalName,
          args: input.args,
        });
        if (why) {
          log.warn('signal dropped: its actor does not verify', { signal: input.signalName, why });
          return;
        }
        await next(input);
      },
      async execute(input, next) {
        const info = workflowInfo();
        if (info.continuedFromExecutionRunId === undefined && info.parent === undefined) {
          const why = refusedBecause(input.headers, { wf: info.workflowId, op: info.workflowType, args: input.args });
          if (why) throw refusal(`start refused: ${why}`);
        }
        return next(input);
      },
    },
  ],
  outbound: [
    {
      async signalWorkflow(input, next) {
        if (!KEYS) return next(input);
        const wf =
          input.target.type === 'external'
            ? (input.target.workflowExecution.workflowId ?? '')
            : input.target.childWorkflowId;
        const a = signAssertion(KEYS, {
          actor: SYSTEM_ACTOR,
          atMs: Date.now(),
          wf,
          op: input.signalName,
          args: input.args,
        });
        return next({ ...input, headers: { ...input.headers, [ACTOR_HEADER]: defaultPayloadConverter.toPayload(a)! } });
      },
    },
  ],
});
