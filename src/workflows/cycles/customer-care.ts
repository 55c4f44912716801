// Customer care (4.1) of one contract quarter: id care:<contractId>:<year>Q<q>. Return visits
// and product-material mailings are logged through the API (care_logs); the API signals this
// workflow so the count stays current. At the period's end fewer visits than the terms'
// cadence (recurring.customerCareVisitsPerQuarter, default 1) is a breach: penalty 6.2.1
// proposed, one occurrence per missed period, and a notice.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import type { CyclePeriod } from '../../domain/cycles';
import { faultServicePenalty } from '../../domain/penalties';
import { appliedReadings } from '../../domain/readings';
import { invalidInput } from '../failures';
import { obligationCase } from '../kernel/case';
import { acts, quarterTracker } from './common';

const SYSTEM_ACTOR = { name: 'system', role: 'system' };

export interface CareInput {
  contractId: string;
  year: number;
  quarter: number;
}
export interface CareState {
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: string;
  requiredVisits: number;
  visits: number;
  mailings: number;
  status: 'open' | 'kept' | 'missed';
  breached: boolean;
}
export const careLogged = defineSignal('careLogged');
export const careState = defineQuery<CareState>('careState');

// Open reading: 4.1 names no cadence for mailings; they are recorded and shown in the yearly
// package but a quarter without a mailing is not a breach.
export async function customerCareWorkflow({ contractId, year, quarter }: CareInput): Promise<CareState> {
  const q = quarterTracker(contractId, year, quarter);
  const first = await q.locate();
  if (!first)
    throw invalidInput(
      'quarter',
      `contract year ${year} has no quarter ${quarter} on the contract's calendar (4.1, clause 3)`,
      '4.1',
    );
  let p: CyclePeriod = first;
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
  };
  let dirty = true;
  // The care logs are the facts of their own table (each with its stated time, 4.1); this case's
  // timeline holds what the platform concluded from them: the counts and the period's verdict.
  const c = obligationCase({
    kind: 'care',
    contractId,
    clause: '4.1',
    terms: () => t.terms,
    wake: () => {
      dirty = true;
    },
    retime: () => undefined,
    contractYear: year,
    snapshot: (_v, st) => st as Record<string, unknown>,
  });
  setHandler(careState, () => s);
  setHandler(careLogged, () => {
    dirty = true;
  });
  const refresh = async () => {
    dirty = false;
    const n = await acts.countCareLogs({ contractId, fromMs: p.startMs, toMs: p.endMs });
    if (c.timeline.length === 0 || n.visits !== s.visits || n.mailings !== s.mailings)
      c.fact(SYSTEM_ACTOR, 'care.counted', { visits: n.visits, mailings: n.mailings, from: p.startDate }, '4.1');
    s.visits = n.visits;
    s.mailings = n.mailings;
    await c.record(
      {
        status: s.status,
        breached: s.breached,
        awaiting: s.status === 'open' && s.visits < s.requiredVisits ? 'vendor' : 'none',
        nextDeadlineMs: s.status === 'open' ? p.dueMs : null,
      },
      { ...s },
    );
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
  // Visits are counted by when they happened, so a log entered just after the end still counts.
  await refresh();
  if (s.visits >= s.requiredVisits) {
    s.status = 'kept';
    c.fact(SYSTEM_ACTOR, 'period.kept', { visits: s.visits, required: s.requiredVisits }, '4.1');
  } else {
    s.status = 'missed';
    s.breached = true;
    const item = faultServicePenalty(t.terms);
    const reading = appliedReadings(t.terms).find(
      (r) => r.parameter === 'recurring.customerCareVisitsPerQuarter',
    )?.reading;
    c.fact(SYSTEM_ACTOR, 'period.missed', { visits: s.visits, required: s.requiredVisits, dueAt: s.dueAt }, '6.2.1');
    c.propose('visits-missed', {
      clause: item.clause,
      termsVersion: t.version,
      fact: `customer care (4.1): ${s.visits} of ${s.requiredVisits} return visit(s) logged in contract year ${year} quarter ${quarter} (by ${s.dueAt})`,
      dueAt: s.dueAt,
      amountFen: item.amountFen.toString(),
      basis: item.basis,
      ...(reading ? { reading } : {}),
      occurredAt: s.dueAt,
    });
    c.notice('visits-missed', 'care.missed', `Customer care ${year}Q${quarter} missed (4.1, penalty 6.2.1 proposed)`, {
      workflowId: c.caseId,
      visits: s.visits,
      required: s.requiredVisits,
    });
  }
  await refresh();
  await c.idle();
  return s;
}
