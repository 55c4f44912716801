// The wiring every signing obligation and staff change shares on the kernel case (case.ts):
// the wake flag its main loop waits on, facts that wake it, stated times checked against the
// obligation's start, the calendar loads / term amendments queued for the loop (issue 10
// item 7), each update wired to the rules' check and apply, and the end of a pass (record,
// then wait). The family's rules and duties stay in its own pure modules.
import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import type { StatedInstant } from '../kernel/stated-times';
import { obligationCase, waitWhileContestable, type CaseOptions, type Visibility } from '../kernel/case';
import {
  contextActor,
  contextChangedSignal,
  contextFact,
  obligationContractEndedSignal,
  SYSTEM_END,
  type ContextChange,
} from './common';

export type ObligationWiring = ReturnType<typeof obligationWiring>;

export function obligationWiring(o: Omit<CaseOptions, 'wake'> & { startMs: number }) {
  let dirty = false;
  const c = obligationCase({
    ...o,
    wake: () => {
      dirty = true;
    },
  });
  const changes: ContextChange[] = []; // applied in the main loop (the terms may still be loading)
  setHandler(contextChangedSignal, (ch) => {
    changes.push(ch);
    dirty = true;
  });
  const w = {
    c,
    dirty: () => dirty,
    /** Reset before a pass, so an update arriving during an activity call wakes the next wait. */
    settle(): void {
      dirty = false;
    },
    wake(): void {
      dirty = true;
    },
    /** A fact of this obligation (its clause by default); the loop judges again. */
    log(
      actor: Actor,
      type: string,
      detail: Record<string, unknown> = {},
      time?: StatedInstant,
      clause = o.clause,
    ): Fact {
      dirty = true;
      return c.fact(actor, type, detail, clause, time);
    },
    /** The action's stated time, checked against its kind's window and the obligation's start (synchronous). */
    stated(kind: string, a: { actor: Actor; occurredAtMs?: number }, notBeforeMs = o.startMs): StatedInstant {
      return c.statedTime(kind, a.actor, a.occurredAtMs, o.clause, notBeforeMs);
    },
    /** Applies each queued calendar load or amendment: reload (terms, calendar, deadlines), then its fact. */
    async takeChanges(reload: (ch: ContextChange) => Promise<void>, clause = o.clause): Promise<void> {
      while (changes.length) {
        const ch = changes.shift()!;
        await reload(ch);
        w.log(
          contextActor(ch),
          contextFact(ch).split(' ')[0]!,
          { ref: ch.ref, summary: contextFact(ch) },
          undefined,
          clause,
        );
      }
    },
    /** Clause 3: the contract ended (signal); recorded once, unless the case is past it, and the loop closes the case. */
    onContractEnded(
      s: { contractEnded: { at: string; reason: string } | null },
      clause = o.clause,
      pastIt = () => false,
    ): void {
      setHandler(obligationContractEndedSignal, (e) => {
        if (s.contractEnded || pastIt()) return;
        s.contractEnded = { at: e.endedAt, reason: e.reason };
        w.log(SYSTEM_END, 'contract.end', {}, undefined, clause);
      });
    },
    /**
     * Each action's update, validated by the rules' check (synchronous) and handled by their
     * apply, which returns the state the caller gets.
     */
    updates<A extends { action: string; args: unknown }, S>(
      defs: { [K in A['action']]: UpdateDefinition<S, [Extract<A, { action: K }>['args']]> },
      apply: (a: A) => S,
      check: (a: A) => void,
    ): void {
      for (const [action, def] of Object.entries(defs) as [string, UpdateDefinition<S, [unknown]>][]) {
        const of = (args: unknown) => ({ action, args }) as A;
        setHandler(def, (args) => apply(of(args)), { validator: (args) => check(of(args)) });
      }
    },
    /**
     * The end of a pass: the record written (closed when the case is finished and no stated time
     * is contestable any more), then a wait for a change, the end of a contest window, or
     * timeoutMs. False when the case is done.
     */
    async rest(v: Visibility, state: object, finished: boolean, timeoutMs: number | undefined): Promise<boolean> {
      await c.record(v, state, finished && c.openUntilMs() === undefined);
      const hold = finished ? c.openUntilMs() : undefined; // a stated time still contestable keeps the case open
      if (finished && hold === undefined) return false;
      if (hold !== undefined) await waitWhileContestable(w.dirty, hold);
      else if (timeoutMs !== undefined) await condition(w.dirty, timeoutMs);
      else await condition(w.dirty);
      return true;
    },
    /** Before the workflow returns: every handler finished and every effect written. */
    async close(): Promise<void> {
      await condition(allHandlersFinished);
      await c.idle();
    },
  };
  return w;
}
