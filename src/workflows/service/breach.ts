// A service request's breach (issue 18): the warning ahead of a licence's lapse (4.4), the breach
// recorded when the verdict turns late (priced at once under 6.2.2, or by the approver's rate
// under 6.5), withdrawn when the facts turn it back, and its penalty proposed. Split from the
// workflow's wiring (service-request.ts); workflow code, deterministic.
import { otherCommitmentPenalty } from '../../domain/penalties';
import { formatFen, parseFen } from '../../domain/money';
import type { ObligationCase } from '../kernel/case';
import { SYSTEM } from '../kernel/actors';
import type { TermsAt } from '../obligations/common';
import { breachFact, dueEndMs, isSettled, lateSinceMs, verdict, warnAtMs } from './duties';
import type { ServiceRequestState } from './messages';
import type { Told } from './rules';

const iso = (ms: number) => new Date(ms).toISOString();

/** What the breach rules act on: the request's state, its case, the terms at its raising, its clause and its notices. */
export interface RequestCase {
  s: ServiceRequestState;
  /** The case its facts and proposals go to: the workflow's, or the dry run's in memory (past.ts). */
  c: Pick<ObligationCase, 'caseId' | 'fact' | 'propose' | 'withdraw'>;
  t: TermsAt;
  clause: string;
  tell: (key: string, told: Told) => void;
}

/** Warns ahead of a licence's lapse; records a breach when the verdict turns late, withdraws it when the facts turn it back. */
export function judgeRequest(r: RequestCase, now: number): void {
  const { s, c, t, tell } = r;
  const terms = t.terms;
  const warn = warnAtMs(s, terms);
  if (warn !== null && !s.warnedAt && now >= warn && !isSettled(s) && now < dueEndMs(s)!) {
    s.warnedAt = iso(now);
    const f = c.fact(SYSTEM, 'licence.warning', { expiresOn: s.licence!.expiresOn }, '4.4', { occurredAt: now });
    tell(`warning-${f.seq}`, { event: 'licence-expiring', to: 'vendor', body: { expiresOn: s.licence!.expiresOn } });
  }
  const v = verdict(s, now);
  if (v === 'late' && (!s.breach || s.breach.superseded)) breached(r, now, v);
  if (v !== 'late' && s.breach && !s.breach.superseded) superseded(r, v, now);
  if (s.breach?.priced && s.breach.penaltyFen && !s.breach.superseded) propose(r, s.breach.pricedUnder);
}

function breached({ s, c, t, clause, tell }: RequestCase, now: number, v: 'late'): void {
  const reading = t.terms.penalties.otherCommitmentReading;
  const dueAt = iso(dueEndMs(s)!);
  const fact = breachFact(s, v);
  const at = Math.min(now, lateSinceMs(s, now));
  s.breach = {
    at: iso(at),
    dueAt,
    clause: s.licence ? '4.4' : clause,
    pricedUnder: reading,
    fact,
    priced: false,
  };
  const f = c.fact(
    SYSTEM,
    s.licence ? 'licence.lapsed' : 'due-date.missed',
    { dueAt, pricedUnder: reading },
    s.breach.clause,
    { occurredAt: at },
  );
  if (reading === '6.2.2') {
    const p = otherCommitmentPenalty(parseFen(t.amountFen), undefined, '6.2.2', t.terms);
    Object.assign(s.breach, {
      priced: true,
      penaltyFen: formatFen(p.amountFen),
      basis: p.basis,
      basisTemplate: p.basisTemplate,
      reading: p.reading,
    });
  }
  tell(`breach-${f.seq}`, {
    event: s.licence ? 'licence-lapsed' : 'breach',
    to: 'both',
    body: { dueAt, pricedUnder: reading, priced: s.breach.priced },
  });
}

function superseded({ s, c, clause }: RequestCase, v: string, now: number): void {
  const f = c.fact(SYSTEM, 'breach.superseded', { verdict: v }, clause, { occurredAt: now });
  s.breach!.superseded = `fact ${f.seq}: the verdict is ${v}`;
  c.withdraw('breach', `superseded by fact ${f.seq} of ${c.caseId}: the request is ${v}`);
}

function propose({ s, c, t }: RequestCase, clause: '6.5' | '6.2.2'): void {
  const b = s.breach!;
  const done = s.deliveries.find((d) => d.review?.decision === 'accepted');
  const atMs = done ? Date.parse(done.at) : Date.parse(b.at);
  c.propose('breach', {
    clause,
    termsVersion: t.version,
    fact: b.fact,
    dueAt: b.dueAt,
    lateByMs: Math.max(0, atMs - Date.parse(b.dueAt)),
    amountFen: b.penaltyFen!,
    basis: b.basis!,
    ...(b.basisTemplate ? { basisTemplate: b.basisTemplate } : {}),
    ...(b.reading ? { reading: b.reading } : {}),
    occurredAt: iso(atMs),
  });
}
