// Who may record what on the dongle-removal obligation (4.10, 6.6), and what each fact
// changes. check() is synchronous and pure so the update validators refuse before anything
// reaches history; apply() records the fact (through the kernel case) and moves the state.
import type { ContractTerms } from '../../domain/terms';
import { ruleViolation } from '../failures';
import type { Fact } from '../kernel/facts';
import { statedSince, type StatedInstant } from '../kernel/stated-times';
import {
  DONGLE_FACT_KIND,
  type DeclareArgs,
  type DongleState,
  type FindingArgs,
  type VerifyArgs,
} from './dongle-messages';
import { checkRecordable, requireParty } from './shared-rules';

export type DongleAction =
  | { action: 'declare'; args: DeclareArgs }
  | { action: 'verify'; args: VerifyArgs }
  | { action: 'finding'; args: FindingArgs };

const CLAUSE = { declare: '4.10', verify: '4.10', finding: '6.6' } as const;
const iso = (ms: number) => new Date(ms).toISOString();
const last = (s: DongleState) => s.declarations[s.declarations.length - 1];

/** From when each kind of fact may be stated: the signing, or (a verification) the declaration it verifies. */
function notBefore(s: DongleState, a: DongleAction, signedMs: number): number {
  return a.action === 'verify' && last(s) ? Date.parse(last(s)!.at) : signedMs;
}

/** The action's stated time, validated against its kind's window (throws 400/409 naming the rule). */
export function stated(
  s: DongleState,
  a: DongleAction,
  terms: ContractTerms | undefined,
  signedMs: number,
  nowMs: number,
): StatedInstant {
  const { actor, occurredAtMs } = a.args;
  return statedSince(
    terms,
    DONGLE_FACT_KIND[a.action],
    actor,
    nowMs,
    occurredAtMs,
    CLAUSE[a.action],
    notBefore(s, a, signedMs),
  );
}

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit. */
export function check(
  s: DongleState,
  a: DongleAction,
  terms: ContractTerms | undefined,
  signedMs: number,
  nowMs: number,
): void {
  checkRecordable(s.contractEnded, s.deadline.lastDay !== '', '4.10');
  const l = last(s);
  switch (a.action) {
    case 'declare':
      requireParty(a.args.actor, 'vendor', 'declaring the removal of dongles and locks', '4.10');
      stated(s, a, terms, signedMs, nowMs);
      if (l && (l.verification === null || l.verification.accepted))
        throw ruleViolation(
          'ALREADY_DECLARED',
          `the removal was already declared${l.verification ? ' and verified' : ' and awaits verification'} (clause 4.10)`,
          '4.10',
        );
      if (a.args.statement.trim().length < 10)
        throw ruleViolation(
          'STATEMENT_REQUIRED',
          'the declaration states that every dongle, encryption, time lock and licence code restricting normal operation is removed (clause 4.10)',
          '4.10',
        );
      return;
    case 'verify':
      requireParty(a.args.actor, 'hospital', 'verifying the removal', '4.10');
      if (!l || l.verification)
        throw ruleViolation('NOTHING_TO_VERIFY', 'there is no declaration awaiting verification (clause 4.10)', '4.10');
      stated(s, a, terms, signedMs, nowMs);
      return;
    case 'finding':
      requireParty(a.args.actor, 'hospital', 'reporting a restriction', '6.6');
      stated(s, a, terms, signedMs, nowMs);
      if (s.findings.some((f) => f.findingId === a.args.findingId))
        throw ruleViolation('FINDING_EXISTS', `finding ${a.args.findingId} is already recorded (clause 6.6)`, '6.6');
      return;
  }
}

/** Records a fact (the kernel case's fact(), which also registers a stated earlier time). */
export type RecordFact = (type: string, detail: Record<string, unknown>, clause: string, time: StatedInstant) => Fact;

/** Applies a checked action: records its fact at its stated time and moves the state; returns the fact. */
export function apply(s: DongleState, a: DongleAction, time: StatedInstant, record: RecordFact): Fact {
  switch (a.action) {
    case 'declare': {
      const f = record('removal.declare', { removed: a.args.removed, statement: a.args.statement }, '4.10', time);
      s.declarations.push({
        at: iso(f.occurredAt),
        by: a.args.actor.name,
        removed: a.args.removed,
        statement: a.args.statement,
        verification: null,
        factSeq: f.seq,
      });
      return f;
    }
    case 'verify': {
      const { accepted, note, relatedChangeId, actor } = a.args;
      const f = record(
        accepted ? 'removal.verify' : 'removal.reject',
        { accepted, ...(note ? { note } : {}) },
        '4.10',
        time,
      );
      last(s)!.verification = {
        at: iso(f.occurredAt),
        by: actor.name,
        accepted,
        ...(note ? { note } : {}),
        factSeq: f.seq,
      };
      // Rejected within the 7 working days: the vendor may still remove it in time (4.10); after them it is a 6.6 finding.
      if (!accepted && f.occurredAt >= Date.parse(s.deadline.deadlineAt))
        addFinding(
          s,
          actor.name,
          `verification-${s.declarations.length}`,
          note ?? 'verification found a restriction still in place',
          f,
          relatedChangeId,
        );
      return f;
    }
    case 'finding': {
      const { findingId, description, relatedChangeId, actor } = a.args;
      const f = record(
        'restriction.report',
        { findingId, description, ...(relatedChangeId ? { relatedChangeId } : {}) },
        '6.6',
        time,
      );
      addFinding(s, actor.name, findingId, description, f, relatedChangeId);
      return f;
    }
  }
}

export function addFinding(
  s: DongleState,
  by: string,
  findingId: string,
  description: string,
  f: Fact,
  relatedChangeId?: string,
): void {
  s.findings.push({
    findingId,
    foundAt: iso(f.occurredAt),
    reportedBy: by,
    description,
    ...(relatedChangeId ? { relatedChangeId } : {}),
    outcome: 'pending',
    factSeq: f.seq,
  });
}

/** A decided contest moved a fact's time: the declaration, verification or finding it recorded moves with it. */
export function retime(s: DongleState, seq: number, atMs: number): void {
  for (const d of s.declarations) {
    if (d.factSeq === seq) d.at = iso(atMs);
    if (d.verification?.factSeq === seq) d.verification.at = iso(atMs);
  }
  for (const f of s.findings) if (f.factSeq === seq && f.outcome === 'pending') f.foundAt = iso(atMs);
}
