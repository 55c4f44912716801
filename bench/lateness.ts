// Where a breach's lateness goes, read from the case's own history and record (issue 4 bench):
//   arm skew   = when the server will fire the timer - the deadline's due time (a timer's duration
//                is counted from workflow time, i.e. from its workflow task's start, while the server
//                starts it when that task completes: the task's processing time leaks in);
//   server     = TimerFired event time - the instant the server should have fired it;
//   pickup     = the workflow's own fact time (its task's start) - TimerFired;
//   recorded   = case_facts.written_at (the row in PostgreSQL) - due time, end to end.
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { Pool } from 'pg';
import { dist, pool } from './lib';

interface TimerSplit {
  armSkewMs: number;
  serverMs: number;
  firedAtMs: number;
}

/** The timer of the history whose fire instant is nearest dueMs, split into arm skew and server lateness. */
export async function timerSplit(client: Client, workflowId: string, dueMs: number): Promise<TimerSplit | undefined> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const started = new Map<string, number>();
  let best: TimerSplit | undefined;
  for (const e of events) {
    const s = e.timerStartedEventAttributes;
    if (s?.timerId) started.set(s.timerId, tsToMs(e.eventTime) + tsToMs(s.startToFireTimeout));
    const f = e.timerFiredEventAttributes;
    if (f?.timerId && started.has(f.timerId)) {
      const expected = started.get(f.timerId)!;
      const cand = {
        armSkewMs: expected - dueMs,
        serverMs: tsToMs(e.eventTime) - expected,
        firedAtMs: tsToMs(e.eventTime),
      };
      if (!best || Math.abs(cand.armSkewMs) < Math.abs(best.armSkewMs)) best = cand;
    }
  }
  return best;
}

/** Response breaches of the given cases: workflow fact time and PostgreSQL row time vs the due time. */
export async function breachRows(
  db: Pool,
  ids: string[],
): Promise<{ caseId: string; dueMs: number; atMs: number; recordedMs: number }[]> {
  const { rows } = await db.query(
    `SELECT case_id, (detail->>'dueMs')::bigint AS due_ms, extract(epoch FROM recorded_at) * 1000 AS at_ms, extract(epoch FROM written_at) * 1000 AS rec_ms
       FROM case_facts WHERE case_id = ANY($1) AND type = 'deadline.breached' AND detail->>'kind' = 'response'`,
    [ids],
  );
  return rows.map((r: { case_id: string; due_ms: string; at_ms: string; rec_ms: string }) => ({
    caseId: r.case_id,
    dueMs: Number(r.due_ms),
    atMs: Number(r.at_ms),
    recordedMs: Number(r.rec_ms),
  }));
}

export async function faultLateness(client: Client, db: Pool, ids: string[], concurrency: number) {
  const rows = await breachRows(db, ids);
  const splits = await pool(rows.length, concurrency, (i) => timerSplit(client, rows[i]!.caseId, rows[i]!.dueMs));
  const ok = splits.map((s, i) => [s, rows[i]!] as const).filter(([s]) => s !== undefined) as [
    TimerSplit,
    (typeof rows)[number],
  ][];
  return {
    recordedMs: dist(rows.map((r) => r.recordedMs - r.dueMs)),
    workflowFactMs: dist(rows.map((r) => r.atMs - r.dueMs)),
    armSkewMs: dist(ok.map(([s]) => s.armSkewMs)),
    serverTimerMs: dist(ok.map(([s]) => s.serverMs)),
    pickupMs: dist(ok.map(([s, r]) => r.atMs - s.firedAtMs)),
    timerFiredMs: dist(ok.map(([s, r]) => s.firedAtMs - r.dueMs)),
  };
}

/** The baseline timer workflows: wake lateness (their own result) and the same history split. */
export async function timerLateness(client: Client, probes: { id: string; dueMs: number }[], concurrency: number) {
  const woke = await pool(
    probes.length,
    concurrency,
    (i) => client.workflow.getHandle(probes[i]!.id).result() as Promise<number>,
  );
  const splits = await pool(probes.length, concurrency, async (i) => {
    const s = await timerSplit(client, probes[i]!.id, probes[i]!.dueMs);
    return s && { ...s, firedLateMs: s.firedAtMs - probes[i]!.dueMs };
  });
  const ok = splits.filter((s) => s !== undefined);
  return {
    wokeMs: dist(woke),
    armSkewMs: dist(ok.map((s) => s.armSkewMs)),
    serverTimerMs: dist(ok.map((s) => s.serverMs)),
    timerFiredMs: dist(ok.map((s) => s.firedLateMs)),
  };
}

/**
 * The workflow tasks around a deadline's timer, from the history's event times (the server's
 * clock): the task that armed it (started -> completed: its run time is the arm skew when the
 * timer is armed for the exact remainder), the pickup of the task the firing scheduled (fired ->
 * started) and that task's run (started -> completed: the breach's record write is inside it).
 */
export async function taskStages(client: Client, workflowId: string, dueMs: number) {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const at = (i: number) => tsToMs(events[i]!.eventTime);
  let best: { started: number; fired: number; armDiff: number } | undefined;
  const startedAt = new Map<string, { i: number; expected: number }>();
  events.forEach((e, i) => {
    const s = e.timerStartedEventAttributes;
    if (s?.timerId) startedAt.set(s.timerId, { i, expected: at(i) + tsToMs(s.startToFireTimeout) });
    const f = e.timerFiredEventAttributes;
    const st = f?.timerId ? startedAt.get(f.timerId) : undefined;
    if (st && (!best || Math.abs(st.expected - dueMs) < best.armDiff))
      best = { started: st.i, fired: i, armDiff: Math.abs(st.expected - dueMs) };
  });
  if (!best) return undefined;
  const { started, fired } = best;
  const before = (i: number, pred: (e: (typeof events)[number]) => boolean) => {
    for (let j = i; j >= 0; j--) if (pred(events[j]!)) return j;
    return -1;
  };
  const after = (i: number, pred: (e: (typeof events)[number]) => boolean) => {
    for (let j = i; j < events.length; j++) if (pred(events[j]!)) return j;
    return -1;
  };
  const armStart = before(started, (e) => !!e.workflowTaskStartedEventAttributes);
  const armDone = before(started, (e) => !!e.workflowTaskCompletedEventAttributes);
  const firedStart = after(fired, (e) => !!e.workflowTaskStartedEventAttributes);
  const firedDone = after(fired, (e) => !!e.workflowTaskCompletedEventAttributes);
  if (armStart < 0 || armDone < 0 || firedStart < 0 || firedDone < 0) return undefined;
  return {
    armTaskRunMs: at(armDone) - at(armStart),
    pickupMs: at(firedStart) - at(fired),
    firedTaskRunMs: at(firedDone) - at(firedStart),
    firedTaskStartMs: at(firedStart),
    firedTaskDoneMs: at(firedDone),
  };
}
