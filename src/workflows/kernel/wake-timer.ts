// One durable timer per case for the earliest pending warning or due time.
import { CancellationScope, sleep } from '@temporalio/workflow';

/**
 * Re-armed only when that instant changes, so an action that leaves the next deadline alone
 * costs no timer events.
 *
 * Two stages: a timer's duration is counted from workflow time (its workflow task's start) but
 * the server starts it when the task completes, after the task's local activities, so a timer
 * armed by a busy task fires late by that task's run time (measured: 0.5-2.5 s under load,
 * bench/README.md). So the timer wakes early, in a task that only re-arms the exact remainder
 * and completes at once. The remainder is kept at 2 s or more: the dev server fires a timer of
 * under a second up to a second late (measured), longer ones within a few milliseconds.
 * The verdict never depends on when the timer fires (facts are judged by their own times);
 * the timer only decides when a breach by absence is noticed.
 */
const EARLY_MIN_MS = 2_000;
const EARLY_MAX_MS = 30_000;

export interface WakeTimer {
  arm(next: number | undefined): void;
}

export function wakeTimer(onFire: () => void): WakeTimer {
  let at: number | undefined;
  let scope: CancellationScope | undefined;
  let earlyDoneFor: number | undefined; // the instant whose early wake has happened
  return {
    arm(next) {
      if (next === at && scope) return;
      scope?.cancel();
      scope = undefined;
      at = next;
      if (next === undefined) return;
      const remaining = next - Date.now();
      const early = earlyDoneFor !== next && remaining >= 2 * EARLY_MIN_MS;
      const lead = early ? Math.min(EARLY_MAX_MS, Math.max(EARLY_MIN_MS, Math.floor(remaining / 4))) : 0;
      const mine = new CancellationScope();
      scope = mine;
      mine
        .run(() => sleep(Math.max(1, remaining - lead)))
        .then(
          () => {
            if (scope === mine) {
              scope = undefined;
              at = undefined;
            }
            if (early) earlyDoneFor = next;
            onFire();
          },
          () => undefined,
        );
    },
  };
}
