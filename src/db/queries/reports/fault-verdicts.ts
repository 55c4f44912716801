// The SQL of a fault deadline's verdict at an as-of instant (4.9.4, 4.9.2), shared by the SLA
// report and the O&M record's faults; not part of the index (the reports' queries use it).
import type { Db } from '../contracts';

// Verdicts at the report's as-of instant from the SLA facts each case row carries
// (051_report_indexes.sql): met = done by its due; breached = done late, recorded breached, or
// undone and already due; open = undone and not yet due (4.9.4, 4.9.2). 1 met, 2 open, 3 breached.
export const RESPONSE = (asOf: string) => `
  CASE WHEN f.sla_response_start_ms IS NULL THEN NULL
       WHEN f.sla_response_done_ms <= f.sla_response_due_ms AND NOT f.sla_response_breached THEN 1
       WHEN f.sla_response_done_ms IS NOT NULL OR f.sla_response_breached OR f.sla_response_due_ms < ${asOf} THEN 3
       ELSE 2 END`;
export const VERDICT_NAME = (code: number | null): string | null =>
  code === 1 ? 'met' : code === 2 ? 'open' : code === 3 ? 'breached' : null;

/** The case timeline's table: the kernel's case_facts once it exists, the fault family's fault_events before. */
export async function factsTable(db: Db): Promise<'case_facts' | 'fault_events'> {
  const { rows } = await db.query(`SELECT to_regclass('case_facts') IS NOT NULL AS kernel`);
  return rows[0].kernel ? 'case_facts' : 'fault_events';
}

// Per case: the response verdict and time, the on-site and replacement deadlines that count and their verdicts.
export const PER_CASE = (asOf: string) => `
  ${RESPONSE(asOf)} AS response,
  CASE WHEN f.sla_response_start_ms IS NOT NULL THEN f.sla_response_done_ms - f.sla_response_start_ms END AS response_ms,
  f.sla_onsite_due AS onsite_due, f.sla_onsite_met AS onsite_met,
  f.sla_onsite_late + coalesce(f.sla_onsite_undone_due_ms < ${asOf}, false)::int AS onsite_breached,
  f.sla_replacement_due AS replacement_due, f.sla_replacement_met AS replacement_met,
  f.sla_replacement_late + coalesce(f.sla_replacement_undone_due_ms < ${asOf}, false)::int AS replacement_breached`;

// Re-grade and reopen facts of the contract's cases, once per case (fault_events / case_facts by type).
export const EVENTS = (facts: string) => `
  SELECT case_id, bool_or(type = 'case.regraded') AS regraded, bool_or(type = 'case.reopened') AS reopened
    FROM ${facts} WHERE type IN ('case.regraded', 'case.reopened') AND case_id LIKE 'fault:' || $1 || ':%' GROUP BY case_id`;
