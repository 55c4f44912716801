// Quarterly inspection (4.1, 4.3) of one contract quarter: id inspection:<contractId>:<year>Q<q>.
// Opens the quarter, waits for the vendor's report until the due date (24:00 Asia/Shanghai of
// the quarter's last day); a missing report is a breach (6.2.1, proposed penalty and notice)
// but a late report is still accepted and recorded. The hospital acknowledges or asks for
// changes; high-severity findings then become remediation items with their own deadline (4.6).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { CyclePeriod } from '../../domain/cycles';
import { remediationDaysText } from '../../domain/readings';
import { mergeTerms, type TermsOverrides } from '../../domain/terms';
import { faultServicePenalty } from '../../domain/penalties';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../domain/time';
import { invalidInput, ruleViolation } from '../failures';
import { obligationCase } from '../kernel/case';
import type { StatedInstant } from '../kernel/stated-times';
import { acts, quarterTracker, requireHospital, requireVendor, type Actor, type TermsAt } from './common';
import {
  acknowledgeInspection,
  INSPECTION_FACT_KIND as KIND,
  inspectionState,
  requestInspectionChanges,
  resolveRemediation,
  submitInspectionReport,
  type Finding,
  type InspectionInput,
  type InspectionState,
} from './inspection-messages';

export * from './inspection-messages';

const iso = (ms: number) => new Date(ms).toISOString();
const SYSTEM_ACTOR: Actor = { name: 'system', role: 'system' };
const SHA256 = /^[a-f0-9]{64}$/;

export async function inspectionWorkflow(input: InspectionInput): Promise<InspectionState> {
  const { contractId, year, quarter } = input;
  // Handlers first: an update sent right after the start must find them (the reads below await).
  let p: CyclePeriod | undefined = undefined;
  // The terms in force at the period's start (clause 3 versions): 6.2.1 amount, 4.6 remediation days.
  let t: TermsAt | undefined = undefined;
  const s: InspectionState = {
    contractId,
    year,
    quarter,
    periodStart: '',
    dueAt: '',
    status: 'open',
    breached: false,
    report: null,
    submittedAt: null,
    lateByMs: null,
    acknowledgedAt: null,
    remediation: [],
    stated: [],
    history: [],
  };
  let missingProposed = false; // the 6.2.1 proposal of a missing report is live in the ledger
  const c = obligationCase({
    kind: 'inspection',
    contractId,
    clause: '4.3',
    terms: () => t?.terms,
    wake: () => {
      void persist();
    },
    retime,
    contractYear: year,
    snapshot: (_v, state) => state as Record<string, unknown>,
  });
  s.stated = c.stated;
  const view = (): InspectionState => ({
    ...s,
    history: c.timeline.map((f) => ({
      at: iso(f.occurredAt),
      by: f.recordedBy.name,
      event: f.type,
      ...(Object.keys(f.detail).length ? { detail: f.detail } : {}),
    })),
  });
  const persist = async () => {
    await condition(() => p !== undefined);
    const nextOpen = s.remediation
      .filter((r) => r.status === 'open')
      .map((r) => Date.parse(r.deadline))
      .sort()[0];
    await c.record(
      {
        status: s.status,
        breached: s.breached,
        awaiting:
          s.status === 'submitted'
            ? 'hospital'
            : s.status === 'closed' || (s.status === 'acknowledged' && nextOpen === undefined)
              ? 'none'
              : 'vendor',
        nextDeadlineMs: (s.report === null ? p!.dueMs : nextOpen) ?? null,
      },
      view(),
    );
  };
  const log = (by: Actor, event: string, detail: Record<string, unknown> = {}, time?: StatedInstant, clause = '4.3') =>
    c.fact(by, event, detail, clause, time);
  const stated = (kind: string, a: { actor: Actor; occurredAtMs?: number }) =>
    c.statedTime(kind, a.actor, a.occurredAtMs, '4.3', p?.startMs);

  setHandler(inspectionState, view);
  setHandler(
    submitInspectionReport,
    async ({ actor, occurredAtMs, ...report }) => {
      await condition(() => p !== undefined);
      const f = log(
        actor,
        'report-submitted',
        { documentRef: report.documentRef, sha256: report.sha256 },
        stated(KIND.report, { actor, occurredAtMs }),
      );
      s.report = report;
      s.status = 'submitted';
      judgeReport(f.occurredAt, f.seq);
      await persist();
      return view();
    },
    {
      validator: ({ actor, occurredAtMs, ...r }) => {
        requireVendor(actor, 'submitting the inspection report', '4.3');
        stated(KIND.report, { actor, occurredAtMs });
        if (!['open', 'overdue', 'changes-requested'].includes(s.status))
          throw ruleViolation(
            'REPORT_NOT_EXPECTED',
            `the report of ${year}Q${quarter} is ${s.status}; a new report is accepted only when open, overdue or after a request for changes (4.3)`,
            '4.3',
          );
        if (!SHA256.test(r.sha256 ?? ''))
          throw invalidInput('sha256', 'sha256 must be 64 lowercase hex characters of the report document', '4.3');
        if (
          !Array.isArray(r.findings) ||
          r.findings.some((f: Finding) => !['low', 'medium', 'high'].includes(f.severity))
        )
          throw invalidInput('findings', 'each finding needs a severity low|medium|high', '4.3');
      },
    },
  );
  setHandler(
    acknowledgeInspection,
    async ({ actor, note, occurredAtMs }) => {
      // 4.6: high-severity findings are remediated by the deadline of the open reading
      // recurring.remediationDays (terms stored before it existed get its default). The status
      // and the items change together after this await: the main loop closes an acknowledged
      // inspection that has no open item.
      await condition(() => t !== undefined);
      const remediationDays = mergeTerms(t!.terms as TermsOverrides).recurring.remediationDays;
      const reading = remediationDaysText(remediationDays);
      const high = (s.report?.findings ?? []).filter((x) => x.severity === 'high');
      const f = log(
        actor,
        'acknowledged',
        {
          ...(note ? { note } : {}),
          remediationItems: high.length,
          ...(high.length ? { clause: '4.6', reading } : {}),
        },
        stated(KIND.ack, { actor, occurredAtMs }),
      );
      s.status = 'acknowledged';
      s.acknowledgedAt = iso(f.occurredAt);
      // 4.6 counts from the acknowledgement as stated (contestable like any stated time).
      const deadline = new Date(endOfShanghaiDay(addDays(shanghaiDate(f.occurredAt), remediationDays))).toISOString();
      s.remediation = high.map((x, i) => ({ id: `R${i + 1}`, finding: x.title, deadline, status: 'open' as const }));
      await persist();
      return view();
    },
    {
      validator: ({ actor, occurredAtMs }) => {
        decideValidator(actor, 'acknowledging');
        stated(KIND.ack, { actor, occurredAtMs });
      },
    },
  );
  setHandler(
    requestInspectionChanges,
    async ({ actor, reasons, occurredAtMs }) => {
      s.status = 'changes-requested';
      log(actor, 'changes-requested', { reasons }, stated(KIND.changes, { actor, occurredAtMs }));
      await persist();
      return view();
    },
    {
      validator: ({ actor, reasons, occurredAtMs }) => {
        decideValidator(actor, 'requesting changes to');
        stated(KIND.changes, { actor, occurredAtMs });
        if (!Array.isArray(reasons) || reasons.length === 0)
          throw invalidInput('reasons', 'a request for changes names at least one reason', '4.3');
      },
    },
  );
  setHandler(
    resolveRemediation,
    async ({ actor, itemId, note, evidence, occurredAtMs }) => {
      const item = s.remediation.find((r) => r.id === itemId)!;
      const f = log(
        actor,
        'remediation-resolved',
        { itemId, ...(evidence ? { evidence } : {}) },
        stated(KIND.resolve, { actor, occurredAtMs }),
        '4.6',
      );
      // Judged on the stated time: resolved before its deadline is on time even if the timer flagged it.
      item.status = f.occurredAt > Date.parse(item.deadline) ? 'overdue-resolved' : 'resolved';
      item.resolvedAt = iso(f.occurredAt);
      item.factSeq = f.seq;
      if (note) item.note = note;
      if (evidence) item.evidence = evidence;
      rejudgeBreach();
      await persist();
      return view();
    },
    {
      validator: ({ actor, itemId, occurredAtMs }) => {
        requireVendor(actor, 'resolving a remediation item', '4.6');
        stated(KIND.resolve, { actor, occurredAtMs });
        const item = s.remediation.find((r) => r.id === itemId);
        if (!item) throw invalidInput('itemId', `no remediation item ${itemId} in ${year}Q${quarter}`, '4.6');
        if (item.status === 'resolved' || item.status === 'overdue-resolved')
          throw ruleViolation('ALREADY_RESOLVED', `remediation item ${itemId} is already resolved (4.6)`, '4.6');
      },
    },
  );
  function decideValidator(actor: Actor, what: string): void {
    requireHospital(actor, `${what} the inspection report`, '4.3');
    if (s.status !== 'submitted')
      throw ruleViolation(
        'REPORT_NOT_SUBMITTED',
        `the report of ${year}Q${quarter} is ${s.status}; only a submitted report can be acknowledged or sent back (4.3)`,
        '4.3',
      );
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
  if (!first)
    throw invalidInput(
      'quarter',
      `contract year ${year} has no quarter ${quarter} on the contract's calendar (4.3, clause 3)`,
      '4.3',
    );
  t = await adopt(first);
  await persist();
  // A failed acceptance of the previous year (clause 3) may move this quarter after it started:
  // it waits while its year has not started, then runs on the shifted dates.
  const relocate = async () => {
    for (let np = await q.locate(); ; np = await q.locate()) {
      if (np) {
        if (np.startMs === p!.startMs && np.dueMs === p!.dueMs) return;
        log(SYSTEM_ACTOR, 'period-shifted', { clause: '3', from: s.periodStart, to: np.startDate }, undefined, '3');
        t = await adopt(np);
        await persist();
        return;
      }
      log(SYSTEM_ACTOR, 'period-suspended', {
        clause: '3',
        reason: `contract year ${year} has not started: an earlier year's acceptance failed and the term is extended until it passes`,
      });
      await persist();
      await condition(() => q.shifted || s.report !== null);
      if (s.report !== null) return;
    }
  };
  for (;;) {
    const woke = await condition(() => s.report !== null || q.shifted, Math.max(1, p!.dueMs - Date.now()));
    if (s.report !== null) break;
    if (woke) {
      await relocate();
      continue;
    }
    s.status = 'overdue';
    log(SYSTEM_ACTOR, 'report-overdue', { clause: '6.2.1', dueAt: s.dueAt }, undefined, '6.2.1');
    proposeMissing();
    c.notice(
      'report-missing',
      'inspection.overdue',
      `Inspection report ${year}Q${quarter} overdue (4.3, penalty 6.2.1 proposed)`,
      { workflowId: c.caseId, dueAt: s.dueAt },
    );
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
      log(SYSTEM_ACTOR, 'remediation-overdue', { itemId: r.id, clause: '4.6' }, undefined, '4.6');
      c.notice(
        `remediation-overdue:${r.id}`,
        'inspection.remediation-overdue',
        `Remediation ${r.id} of ${year}Q${quarter} overdue (4.6)`,
        {
          workflowId: c.caseId,
          item: r,
          clause: '4.6',
          reading: remediationDaysText(mergeTerms(t!.terms as TermsOverrides).recurring.remediationDays),
          penalty: `not proposed automatically: clause ${otherCommitment()} ("other service commitment") may be proposed by the hospital's approver (POST /ledger)`,
        },
      );
    }
    await persist();
  }
  await condition(() => !s.remediation.some((r) => r.status === 'overdue'));
  // A stated time still contestable keeps the inspection open until decided or its window passes.
  for (let hold = c.openUntilMs(); hold !== undefined; hold = c.openUntilMs()) {
    const seen = c.timeline.length;
    await condition(
      () => c.timeline.length > seen,
      Number.isFinite(hold) ? Math.max(1, hold - Date.now()) : '3650 days',
    );
    await persist();
  }
  s.status = 'closed';
  await persist();
  await condition(allHandlersFinished);
  await c.idle();
  return view();

  /**
   * The report's lateness is a function of its stated time (4.3): late by the time after the
   * due instant; a report stated before it, typed in after the timer proposed 6.2.1, withdraws
   * that proposal; one stated after it is charged even if the timer has not fired yet.
   */
  function judgeReport(atMs: number, factSeq: number): void {
    s.submittedAt = iso(atMs);
    s.lateByMs = atMs >= p!.dueMs ? atMs - p!.dueMs : null; // late reports are accepted and recorded (4.3)
    if (s.lateByMs !== null && !missingProposed) proposeMissing();
    if (s.lateByMs === null && missingProposed) {
      c.withdraw(
        'report-missing',
        `superseded by fact ${factSeq}: the report was delivered at ${s.submittedAt}, before ${s.dueAt} (4.3)`,
      );
      missingProposed = false;
    }
    rejudgeBreach();
  }
  function rejudgeBreach(): void {
    s.breached =
      missingProposed || s.remediation.some((r) => r.status === 'overdue' || r.status === 'overdue-resolved');
  }
  function proposeMissing(): void {
    const item = faultServicePenalty(t!.terms);
    c.propose('report-missing', {
      clause: item.clause,
      termsVersion: t!.version,
      fact: `quarterly inspection report of contract year ${year} quarter ${quarter} not delivered by ${s.dueAt} (4.1/4.3)`,
      dueAt: s.dueAt,
      amountFen: item.amountFen.toString(),
      basis: item.basis,
      occurredAt: s.dueAt,
    });
    missingProposed = true;
    s.breached = true;
  }
  /** A decided contest moved a fact's time: the report, acknowledgement or resolution it recorded moves with it. */
  function retime(fact: { seq: number; type: string }, atMs: number): void {
    if (fact.type === 'report-submitted') judgeReport(atMs, fact.seq);
    if (fact.type === 'acknowledged') s.acknowledgedAt = iso(atMs);
    for (const r of s.remediation) {
      if (r.factSeq !== fact.seq) continue;
      r.resolvedAt = iso(atMs);
      r.status = atMs > Date.parse(r.deadline) ? 'overdue-resolved' : 'resolved';
    }
    rejudgeBreach();
  }
}
