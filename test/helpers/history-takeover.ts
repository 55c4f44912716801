// Edits a recorded history into the one a worker leaves when a workflow task times out while its
// local activity (the record write) still runs and the worker keeps the run cached: sdk-core
// takes the retried task over (managed_run.rs: a new task with no jobs while local activities are
// outstanding waits for them) and completes it with the commands the first attempt computed,
// at the first attempt's workflow time. A replay runs that activation at the retry's start.
import { temporal } from '@temporalio/proto';

type Event = Record<string, any>;
const { EventType } = temporal.api.enums.v1;
const H = temporal.api.history.v1;

/** Shifts every event id reference (…EventId fields) at or above from by by, in place. */
function shiftRefs(o: unknown, from: number, by: number): void {
  if (!o || typeof o !== 'object') return;
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (/EventId$/.test(k) && typeof v === 'number') {
      if (v >= from) (o as Record<string, unknown>)[k] = v + by;
    } else if (typeof v === 'object') shiftRefs(v, from, by);
  }
}

const at = (e: Event, plusMs: number) => {
  const ms = Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6) + plusMs;
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
};
const copy = (e: Event, patch: Event): Event => ({ ...structuredClone(e), ...patch });

/**
 * The first workflow task (events 2-4: scheduled, started, completed) becomes: scheduled,
 * started, timed out (start to close), scheduled again and started retryAfterMs later, completed
 * by the retry. Every later event moves by retryAfterMs and three ids.
 */
export function takenOverFirstTask(history: temporal.api.history.v1.IHistory, retryAfterMs = 10_000) {
  const events: Event[] = (history.events ?? []).map((e) =>
    H.HistoryEvent.toObject(e as temporal.api.history.v1.HistoryEvent, { longs: Number }),
  );
  const [started, scheduled, taskStarted, completed, ...rest] = events;
  if (completed?.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
    throw new Error('first task did not complete');
  for (const e of rest) {
    shiftRefs(e, 5, 3);
    e.eventId = Number(e.eventId) + 3;
    e.eventTime = at(e, retryAfterMs);
  }
  const timedOut: Event = {
    eventId: 4,
    eventTime: at(taskStarted!, retryAfterMs),
    eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
    workflowTaskTimedOutEventAttributes: {
      scheduledEventId: 2,
      startedEventId: 3,
      timeoutType: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
    },
  };
  const rescheduled = copy(scheduled!, { eventId: 5, eventTime: at(taskStarted!, retryAfterMs) });
  const restarted = copy(taskStarted!, { eventId: 6, eventTime: at(taskStarted!, retryAfterMs + 1) });
  restarted.workflowTaskStartedEventAttributes.scheduledEventId = 5;
  const recompleted = copy(completed, { eventId: 7, eventTime: at(completed, retryAfterMs) });
  recompleted.workflowTaskCompletedEventAttributes.scheduledEventId = 5;
  recompleted.workflowTaskCompletedEventAttributes.startedEventId = 6;
  return H.History.fromObject({
    events: [started, scheduled, taskStarted, timedOut, rescheduled, restarted, recompleted, ...rest],
  });
}
