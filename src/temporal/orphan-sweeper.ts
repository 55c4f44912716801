// No orphan fault cases (issue 11, finding 3): a case committed in PostgreSQL always gets its
// workflow. The API commits the intake, then starts the workflow; a crash or a Temporal outage
// between the two left cases `reported` with no deadlines, never enforced (8 of 200 intakes
// under a kill -9), and the Idempotency-Key that would have repaired them on retry is optional.
// The worker runs this sweep every few seconds: an intake older than the grace period whose
// case has recorded nothing yet (last_seq = 0) is started with the same start as the API's
// (src/temporal/fault-start.ts) and the same input, read back from the committed intake: the
// description, the reporting key's name and role, the stated report time and the instant the
// intake was recorded (033); "already started" is success. The case's deadlines run from its
// reportedAt (4.9.4), so a late start still records a breach that fell in the gap.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { faultDeadlines, mergeTerms, type FaultLevel, type TermsOverrides } from '../domain';
import type { Logger } from '../logger';
import type { FaultCaseInput } from '../workflows/fault/messages';
import { faultCaseStart } from './fault-start';

export interface SweepDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  log: Logger;
}

/** Intakes whose case has no recorded fact, older than graceSeconds (the API's own start normally wins). */
async function unstartedCases(pool: Pool, graceSeconds: number) {
  const { rows } = await pool.query(
    `SELECT f.case_id, f.contract_id, f.case_no, f.level, f.title, f.channel, f.affects_operations, f.reporter, f.reported_at, i.created_by,
            i.created_by_role, i.description, i.onboarded, coalesce(i.recorded_at, i.created_at) AS recorded_at, v.terms
       FROM fault_cases f JOIN fault_intakes i ON i.case_id = f.case_id
       LEFT JOIN contract_terms_versions v ON v.contract_id = f.contract_id AND v.version = f.terms_version
      WHERE f.last_seq = 0 AND i.created_at < now() - make_interval(secs => $1)
      ORDER BY i.created_at LIMIT 500`,
    [graceSeconds],
  );
  return rows;
}

/** One sweep; returns the case ids it started (already started ones are remembered in `started`). */
export async function sweepOrphanedFaultCases(
  d: SweepDeps,
  started: Set<string>,
  graceSeconds = 10,
): Promise<string[]> {
  const made: string[] = [];
  const rows = await unstartedCases(d.pool, graceSeconds);
  // Forget cases that have recorded facts since: `started` only holds ones still waiting for a worker.
  const waiting = new Set(rows.map((r) => r.case_id as string));
  for (const id of started) if (!waiting.has(id)) started.delete(id);
  for (const r of rows) {
    if (started.has(r.case_id)) continue;
    const level = r.level as FaultLevel;
    const reportedAtMs = new Date(r.reported_at).getTime();
    const input: FaultCaseInput = {
      caseId: r.case_id,
      contractId: r.contract_id,
      caseNo: r.case_no,
      level,
      title: r.title,
      description: r.description ?? '',
      channel: r.channel,
      affectsOperations: r.affects_operations,
      reporter: r.reporter,
      reportedAtMs,
      recordedAtMs: new Date(r.recorded_at).getTime(),
      // Intakes from before 033 kept no role: they were all hospital operators' (4.9).
      reportedBy: { name: r.created_by, role: r.created_by_role ?? 'hospital-operator' },
      // A fault entered at onboarding starts with its entered past (310), as the registration starts it.
      ...(r.onboarded ? { onboarded: r.onboarded } : {}),
      // No `intake`: the case reads its terms version at reportedAt itself, as a retried intake does.
    };
    const deadlines = faultDeadlines(
      reportedAtMs,
      level,
      r.affects_operations,
      mergeTerms((r.terms ?? {}) as TermsOverrides),
    );
    try {
      await d.client.workflow.start('faultCaseWorkflow', faultCaseStart(input, deadlines, d.taskQueue));
      made.push(r.case_id);
      d.log.warn({ caseId: r.case_id }, 'started the workflow of an orphaned fault case');
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    started.add(r.case_id);
  }
  return made;
}

/** Sweeps every `everyMs` until stop() is called; errors (an outage) are logged and the next sweep retries. */
export function startOrphanSweeper(d: SweepDeps, everyMs = 5_000): { stop(): void } {
  const started = new Set<string>();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOrphanedFaultCases(d, started)
      .catch((err: unknown) => d.log.warn({ reason: (err as Error).message }, 'orphan sweep failed; retrying'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
