// Customer care (4.1) of one contract quarter: id care:<contractId>:<year>Q<q>. Return visits
// and product-material mailings are logged through the API (care_logs); the API signals this
// workflow so the count stays current. At the period's end fewer visits than the terms'
// cadence (recurring.customerCareVisitsPerQuarter, default 1) is a breach: penalty 6.2.1
// proposed, one occurrence per missed period, and a notice. Each log is a fact of the quarter's
// case at its stated time (care-rules.ts); the verdict is a pure function of those times
// (care-duties.ts): after the due time the case stays open while a visit stated within the
// quarter may still be logged (its back-dating window) and while a stated time may be contested.
import { condition, setHandler } from '@temporalio/workflow';
import type { CyclePeriod } from '../../domain/cycles';
import { obligationCase, waitWhileContestable } from '../kernel/case';
import { acts, firstQuarter, quarterTracker, SYSTEM_ACTOR } from './common';
import { careLogged, careState, type CareInput, type CareState } from './care-messages';
import { retime, statedWithLogs, takeLogs } from './care-rules';
import { careVisibility, countIn, lateLogsUntilMs, missedProposal, verdict } from './care-duties';

export * from './care-messages';

// Open reading: 4.1 names no cadence for mailings; they are recorded and shown in the yearly
// package but a quarter without a mailing is not a breach.
export async function customerCareWorkflow({ contractId, year, quarter, onboarded }: CareInput): Promise<CareState> {
  const q = quarterTracker(contractId, year, quarter);
  let p: CyclePeriod = await firstQuarter(q, year, quarter, '4.1');
  let t = await acts.termsAt({ contractId, atMs: Math.max(p.startMs, q.signedAtMs) });
  const s: CareState = {
    contractId,
    year,
    quarter,
    periodStart: p.startDate,
    dueAt: new Date(p.dueMs).toISOString(),
    requiredVisits: t.terms.recurring.customerCareVisitsPerQuarter,
    visits: 0,
    mailings: 0,
    status: 'open',
    breached: false,
    logs: [],
    stated: [],
  };
  let dirty = true;
  let counted = false;
  let misses = 0; // a quarter missed again after a superseded miss is announced again
  const startedMs = Date.now();
  // An onboarded quarter's verdict at its due time, as the live timer would have reached it.
  const verdictAt = () => (onboarded && p.dueMs < startedMs ? { occurredAt: p.dueMs } : undefined);
  const c = obligationCase({
    kind: 'care',
    contractId,
    clause: '4.1',
    terms: () => t.terms,
    wake: () => {
      dirty = true;
    },
    retime: (f, atMs) => retime(s.logs, f.seq, atMs),
    contractYear: year,
    snapshot: (_v, st) => st as Record<string, unknown>,
  });
  const view = (): CareState => ({ ...s, stated: statedWithLogs(c.stated, s.logs) });
  setHandler(careState, view);
  setHandler(careLogged, () => {
    dirty = true;
  });
  const refresh = async () => {
    dirty = false;
    const rows = await acts.careLogsOf({ contractId, fromMs: p.startMs, toMs: p.endMs });
    takeLogs(s.logs, rows, (a, type, detail, time) => c.fact(a, type, detail, '4.1', time));
    const n = countIn(s.logs, p.startMs, p.endMs);
    if (!counted || n.visits !== s.visits || n.mailings !== s.mailings)
      c.fact(SYSTEM_ACTOR, 'care.counted', { visits: n.visits, mailings: n.mailings, from: p.startDate }, '4.1');
    counted = true;
    s.visits = n.visits;
    s.mailings = n.mailings;
    judge();
    await c.record(careVisibility(s, p.dueMs), view());
  };
  // A failed acceptance of the previous year (clause 3) may move this quarter after it started:
  // it waits while its year has not started, then counts the visits of the shifted dates.
  const relocate = async () => {
    let np = await q.locate();
    while (!np) {
      await condition(() => q.shifted);
      np = await q.locate();
    }
    if (np.startMs === p.startMs && np.dueMs === p.dueMs) return;
    p = np;
    s.periodStart = np.startDate;
    s.dueAt = new Date(np.dueMs).toISOString();
    t = await acts.termsAt({ contractId, atMs: Math.max(np.startMs, q.signedAtMs) });
    s.requiredVisits = t.terms.recurring.customerCareVisitsPerQuarter;
    dirty = true;
  };
  while (Date.now() < p.dueMs) {
    if (q.shifted) await relocate();
    if (dirty) await refresh();
    await condition(() => dirty || q.shifted, Math.max(1, p.dueMs - Date.now()));
  }
  // Judged at the due time on the visits stated within the quarter; the case stays open while a
  // visit stated within it may still be logged and while a stated time may still be contested,
  // and each change judges the quarter again (a later-logged visit supersedes the breach).
  await refresh();
  for (;;) {
    const until = Math.max(lateLogsUntilMs(p.dueMs, t.terms), c.openUntilMs() ?? 0);
    if (Date.now() >= until) break;
    await waitWhileContestable(() => dirty, until);
    if (dirty) await refresh();
  }
  await c.idle();
  return view();

  /** Carries out the quarter's verdict (care-duties.ts) when it changes: kept, missed (6.2.1 proposed), or a miss superseded. */
  function judge(): void {
    const v = verdict(s.visits, s.requiredVisits, Date.now(), p.dueMs);
    if (v === 'open' || v === s.status) return;
    if (v === 'kept') {
      const superseded = s.status === 'missed';
      s.status = 'kept';
      s.breached = false;
      const f = c.fact(
        SYSTEM_ACTOR,
        superseded ? 'period.superseded' : 'period.kept',
        { visits: s.visits, required: s.requiredVisits },
        '4.1',
        superseded ? undefined : verdictAt(),
      );
      if (superseded)
        c.withdraw(
          'visits-missed',
          `superseded by fact ${f.seq}: ${s.visits} visit(s) stated within contract year ${year} quarter ${quarter} (4.1)`,
        );
      return;
    }
    s.status = 'missed';
    s.breached = true;
    const f = c.fact(
      SYSTEM_ACTOR,
      'period.missed',
      { visits: s.visits, required: s.requiredVisits, dueAt: s.dueAt },
      '6.2.1',
      misses === 0 ? verdictAt() : undefined,
    );
    c.propose('visits-missed', missedProposal(s, t.terms, t.version));
    if (onboarded && misses++ === 0) return; // judged at registration for the past: nobody is told of it now
    c.notice(
      misses++ === 0 ? 'visits-missed' : `visits-missed:${f.seq}`,
      'care.missed',
      `Customer care ${year}Q${quarter} missed (4.1, penalty 6.2.1 proposed)`,
      {
        workflowId: c.caseId,
        visits: s.visits,
        required: s.requiredVisits,
      },
    );
  }
}
