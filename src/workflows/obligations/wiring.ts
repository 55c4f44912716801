// The wiring every signing obligation and staff change shares on the kernel case (case.ts):
// the wake flag its main loop waits on, facts that wake it, stated times checked against the
// obligation's start, and the calendar loads / term amendments queued for the loop (issue 10
// item 7). The family's rules and duties stay in its own pure modules.
import { setHandler } from '@temporalio/workflow';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import type { StatedInstant } from '../kernel/stated-times';
import { obligationCase, type CaseOptions } from '../kernel/case';
import { contextActor, contextChangedSignal, contextFact, type ContextChange } from './common';

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
  };
  return w;
}
