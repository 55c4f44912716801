// Quarterly inspection (4.1, 4.3) of one contract quarter: id inspection:<contractId>:<year>Q<q>.
// Opens the quarter, waits for the vendor's report until the due date (24:00 Asia/Shanghai of
// the quarter's last day); a missing report is a breach (6.2.1, proposed penalty and notice)
// but a late report is still accepted and recorded. The hospital acknowledges or asks for
// changes; high-severity findings then become remediation items with their own deadline (4.6).
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import type { CyclePeriod } from '../../domain/cycles';
import { remediationDaysText } from '../../domain/readings';
import { mergeTerms, type TermsOverrides } from '../../domain/terms';
import { faultServicePenalty } from '../../domain/penalties';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../domain/time';
import { invalidInput, ruleViolation } from '../failures';
import { acts, quarterTracker, nowIso, publish, requireHospital, requireVendor, wfId, type Actor, type TermsAt } from './common';

export interface Finding { title: string; severity: 'low' | 'medium' | 'high'; description?: string }
export interface InspectionReport {
  inspectionDate: string; engineer: string; findings: Finding[]; recommendations: string[]; documentRef: string; sha256: string;
}
export interface RemediationItem { id: string; finding: string; deadline: string; status: 'open' | 'resolved' | 'overdue-resolved' | 'overdue'; resolvedAt?: string; note?: string }
export interface InspectionInput { contractId: string; year: number; quarter: number }
export interface InspectionState {
  contractId: string; year: number; quarter: number; periodStart: string; dueAt: string;
  status: 'open' | 'overdue' | 'submitted' | 'changes-requested' | 'acknowledged' | 'closed';
  breached: boolean; report: InspectionReport | null; submittedAt: string | null; lateByMs: number | null;
  acknowledgedAt: string | null; remediation: RemediationItem[]; history: { at: string; by: string; event: string; detail?: unknown }[];
}

export const submitInspectionReport = defineUpdate<InspectionState, [InspectionReport & { actor: Actor }]>('submitInspectionReport');
export const acknowledgeInspection = defineUpdate<InspectionState, [{ actor: Actor; note?: string }]>('acknowledgeInspection');
export const requestInspectionChanges = defineUpdate<InspectionState, [{ actor: Actor; reasons: string[] }]>('requestInspectionChanges');
export const resolveRemediation = defineUpdate<InspectionState, [{ actor: Actor; itemId: string; note?: string }]>('resolveRemediation');
export const inspectionState = defineQuery<InspectionState>('inspectionState');

const SHA256 = /^[a-f0-9]{64}$/;

export async function inspectionWorkflow(input: InspectionInput): Promise<InspectionState> {
  const { contractId, year, quarter } = input;
  // Handlers first: an update sent right after the start must find them (the reads below await).
  let p: CyclePeriod | undefined = undefined;
  // The terms in force at the period's start (clause 3 versions): 6.2.1 amount, 4.6 remediation days.
  let t: TermsAt | undefined = undefined;
  const s: InspectionState = {
    contractId, year, quarter, periodStart: '', dueAt: '', status: 'open', breached: false,
    report: null, submittedAt: null, lateByMs: null, acknowledgedAt: null, remediation: [], history: [],
  };
  let version = 0;
  const persist = async () => {
    await condition(() => p !== undefined);
    const nextOpen = s.remediation.filter((r) => r.status === 'open').map((r) => Date.parse(r.deadline)).sort()[0];
    publish({
      kind: 'inspection', contractId, year, status: s.status, breached: s.breached,
      awaiting: s.status === 'submitted' ? 'hospital' : s.status === 'closed' || (s.status === 'acknowledged' && nextOpen === undefined) ? 'none' : 'vendor',
      nextDeadlineMs: s.report === null ? p!.dueMs : nextOpen,
    });
    await acts.recordInspection({ workflowId: wfId(), ...s, version: ++version });
  };
  const log = (by: Actor | string, event: string, detail?: unknown) => s.history.push({ at: nowIso(), by: typeof by === 'string' ? by : by.name, event, ...(detail ? { detail } : {}) });

  setHandler(inspectionState, () => s);
  setHandler(submitInspectionReport, async ({ actor, ...report }) => {
    await condition(() => p !== undefined);
    const now = Date.now();
    s.report = report;
    s.submittedAt = new Date(now).toISOString();
    s.lateByMs = now >= p!.dueMs ? now - p!.dueMs : null; // late reports are accepted and recorded (4.3)
    s.status = 'submitted';
    log(actor, s.lateByMs ? 'report-submitted-late' : 'report-submitted', { documentRef: report.documentRef, sha256: report.sha256 });
    await persist();
    return s;
  }, {
    validator: ({ actor, ...r }) => {
      requireVendor(actor, 'submitting the inspection report', '4.3');
      if (!['open', 'overdue', 'changes-requested'].includes(s.status)) throw ruleViolation('REPORT_NOT_EXPECTED', `the report of ${year}Q${quarter} is ${s.status}; a new report is accepted only when open, overdue or after a request for changes (4.3)`, '4.3');
      if (!SHA256.test(r.sha256 ?? '')) throw invalidInput('sha256', 'sha256 must be 64 lowercase hex characters of the report document', '4.3');
      if (!Array.isArray(r.findings) || r.findings.some((f: Finding) => !['low', 'medium', 'high'].includes(f.severity))) throw invalidInput('findings', 'each finding needs a severity low|medium|high', '4.3');
    },
  });
  setHandler(acknowledgeInspection, async ({ actor, note }) => {
    // 4.6: high-severity findings are remediated by the deadline of the open reading
    // recurring.remediationDays (terms stored before it existed get its default). The status
    // and the items change together after this await: the main loop closes an acknowledged
    // inspection that has no open item.
    await condition(() => t !== undefined);
    s.status = 'acknowledged';
    s.acknowledgedAt = nowIso();
    const remediationDays = mergeTerms(t!.terms as TermsOverrides).recurring.remediationDays;
    const reading = remediationDaysText(remediationDays);
    const deadline = new Date(endOfShanghaiDay(addDays(shanghaiDate(Date.now()), remediationDays))).toISOString();
    s.remediation = (s.report?.findings ?? []).filter((f) => f.severity === 'high')
      .map((f, i) => ({ id: `R${i + 1}`, finding: f.title, deadline, status: 'open' as const }));
    log(actor, 'acknowledged', { note, remediationItems: s.remediation.length, ...(s.remediation.length ? { clause: '4.6', reading } : {}) });
    await persist();
    return s;
  }, { validator: ({ actor }) => decideValidator(actor, 'acknowledging') });
  setHandler(requestInspectionChanges, async ({ actor, reasons }) => {
    s.status = 'changes-requested';
    log(actor, 'changes-requested', { reasons });
    await persist();
    return s;
  }, {
    validator: ({ actor, reasons }) => {
      decideValidator(actor, 'requesting changes to');
      if (!Array.isArray(reasons) || reasons.length === 0) throw invalidInput('reasons', 'a request for changes names at least one reason', '4.3');
    },
  });
  setHandler(resolveRemediation, async ({ actor, itemId, note }) => {
    const item = s.remediation.find((r) => r.id === itemId)!;
    item.status = item.status === 'overdue' ? 'overdue-resolved' : 'resolved';
    item.resolvedAt = nowIso();
    if (note) item.note = note;
    log(actor, 'remediation-resolved', { itemId });
    await persist();
    return s;
  }, {
    validator: ({ actor, itemId }) => {
      requireVendor(actor, 'resolving a remediation item', '4.6');
      const item = s.remediation.find((r) => r.id === itemId);
      if (!item) throw invalidInput('itemId', `no remediation item ${itemId} in ${year}Q${quarter}`, '4.6');
      if (item.status === 'resolved' || item.status === 'overdue-resolved') throw ruleViolation('ALREADY_RESOLVED', `remediation item ${itemId} is already resolved (4.6)`, '4.6');
    },
  });
  function decideValidator(actor: Actor, what: string): void {
    requireHospital(actor, `${what} the inspection report`, '4.3');
    if (s.status !== 'submitted') throw ruleViolation('REPORT_NOT_SUBMITTED', `the report of ${year}Q${quarter} is ${s.status}; only a submitted report can be acknowledged or sent back (4.3)`, '4.3');
  }

  // The period as the calendar stands now (clause 3 shifts it); undefined while it does not exist.
  const q = quarterTracker(contractId, year, quarter);
  const adopt = async (np: CyclePeriod) => {
    p = np;
    s.periodStart = np.startDate;
    s.dueAt = new Date(np.dueMs).toISOString();
    return acts.termsAt({ contractId, atMs: Math.max(np.startMs, q.signedAtMs) });
  };
  const first = await q.locate();
  if (!first) throw invalidInput('quarter', `contract year ${year} has no quarter ${quarter} on the contract's calendar (4.3, clause 3)`, '4.3');
  t = await adopt(first);
  await persist();
  // A failed acceptance of the previous year (clause 3) may move this quarter after it started:
  // it waits while its year has not started, then runs on the shifted dates.
  const relocate = async () => {
    for (let np = await q.locate(); ; np = await q.locate()) {
      if (np) {
        if (np.startMs === p!.startMs && np.dueMs === p!.dueMs) return;
        log('system', 'period-shifted', { clause: '3', from: s.periodStart, to: np.startDate });
        t = await adopt(np);
        await persist();
        return;
      }
      log('system', 'period-suspended', { clause: '3', reason: `contract year ${year} has not started: an earlier year's acceptance failed and the term is extended until it passes` });
      await persist();
      await condition(() => q.shifted || s.report !== null);
      if (s.report !== null) return;
    }
  };
  for (;;) {
    const woke = await condition(() => s.report !== null || q.shifted, Math.max(1, p!.dueMs - Date.now()));
    if (s.report !== null) break;
    if (woke) { await relocate(); continue; }
    s.breached = true;
    s.status = 'overdue';
    log('system', 'report-overdue', { clause: '6.2.1', dueAt: s.dueAt });
    const item = faultServicePenalty(t!.terms);
    await acts.proposePenalty({
      key: `${wfId()}:report-missing`, contractId, clause: item.clause, termsVersion: t!.version, caseKind: 'inspection', caseId: wfId(),
      fact: `quarterly inspection report of contract year ${year} quarter ${quarter} not delivered by ${s.dueAt} (4.1/4.3)`,
      dueAt: s.dueAt, amountFen: item.amountFen.toString(), basis: item.basis, occurredAt: s.dueAt,
    });
    await acts.notify({ key: `${wfId()}:report-missing`, topic: 'inspection.overdue', contractId, subject: `Inspection report ${year}Q${quarter} overdue (4.3, penalty 6.2.1 proposed)`, body: { workflowId: wfId(), dueAt: s.dueAt } });
    await persist();
    break;
  }
  await condition(() => s.status === 'acknowledged');
  // 4.6 remediation deadlines: an overdue item is flagged (breached) and the hospital notified;
  // the open items keep the workflow alive. No penalty is proposed here: a late remediation is
  // an "other service commitment" (6.5 by the default reading: a rate the hospital's approver
  // chooses by the loss caused, 0.01%-0.1%; or 6.2.2 if the contract selects it), and the
  // ledger has no "amount pending" state (held means an open exclusion claim, 4.9.2). So the
  // notice names the clause, and the approver proposes the entry by hand (POST /ledger).
  const otherCommitment = () => t!.terms.penalties.otherCommitmentReading;
  while (s.remediation.some((r) => r.status === 'open')) {
    const next = Math.min(...s.remediation.filter((r) => r.status === 'open').map((r) => Date.parse(r.deadline)));
    const done = await condition(() => !s.remediation.some((r) => r.status === 'open'), Math.max(1, next - Date.now()));
    if (done) break;
    for (const r of s.remediation.filter((x) => x.status === 'open' && Date.parse(x.deadline) <= Date.now())) {
      r.status = 'overdue';
      s.breached = true;
      log('system', 'remediation-overdue', { itemId: r.id, clause: '4.6' });
      await acts.notify({ key: `${wfId()}:remediation-overdue:${r.id}`, topic: 'inspection.remediation-overdue', contractId, subject: `Remediation ${r.id} of ${year}Q${quarter} overdue (4.6)`, body: {
        workflowId: wfId(), item: r, clause: '4.6', reading: remediationDaysText(mergeTerms(t!.terms as TermsOverrides).recurring.remediationDays),
        penalty: `not proposed automatically: clause ${otherCommitment()} ("other service commitment") may be proposed by the hospital's approver (POST /ledger)`,
      } });
    }
    await persist();
  }
  await condition(() => !s.remediation.some((r) => r.status === 'overdue'));
  s.status = 'closed';
  await persist();
  await condition(allHandlersFinished);
  return s;
}
