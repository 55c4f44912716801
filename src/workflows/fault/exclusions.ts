// The fault case's exclusion claims (4.9.2): the vendor claims a cause outside its duty with
// evidence, which holds the case's penalties in the ledger until the hospital decides; an
// accepted claim waives them, a rejected one releases the hold. Pure: apply.ts calls these and
// returns the effects, which ordinary activities run after the record write.
import type { Fact } from '../kernel/facts';
import type { ClaimExclusionArgs, DecideExclusionArgs } from './messages';
import type { FaultState } from './state';

/** An effect run by an ordinary activity after the action's record write (ledger holds and waivers, 4.9.2). */
export type Effect =
  { type: 'hold'; held: boolean; reason: string; actor: string } | { type: 'waive'; reason: string; actor: string };

type FactRecorder = (type: string, detail: Record<string, unknown>) => Fact;

/** The claim: opened at its stated time, every penalty held, the hospital told. */
export function applyClaimExclusion(
  s: FaultState,
  r: ClaimExclusionArgs,
  at: number,
  record: FactRecorder,
  effects: Effect[],
): Fact {
  s.exclusions.push({
    status: 'open',
    cause: r.cause,
    evidence: r.evidence,
    explanation: r.explanation,
    claimedBy: r.actor.name,
    claimedAtMs: at,
  });
  for (const p of s.penalties) p.held = true;
  const fact = record('exclusion.claimed', { cause: r.cause, evidence: r.evidence, explanation: r.explanation });
  effects.push({
    type: 'hold',
    held: true,
    reason: `exclusion claimed (${r.cause}), clause 4.9.2`,
    actor: r.actor.name,
  });
  s.outgoing.notices.push({
    key: `${s.caseId}:exclusion-${s.exclusions.length}`,
    topic: 'fault.exclusion',
    factSeq: fact.seq,
    recipients: 'hospital',
    subject: `Fault ${s.caseId}: the vendor claims an exclusion (${r.cause}, clause 4.9.2)`,
    body: { caseId: s.caseId, cause: r.cause, evidence: r.evidence },
  });
  return fact;
}

/** The hospital's decision on the open claim: accepted waives the held penalties, rejected releases them. */
export function applyDecideExclusion(
  s: FaultState,
  r: DecideExclusionArgs,
  at: number,
  record: FactRecorder,
  effects: Effect[],
): Fact {
  const x = s.exclusions.find((e) => e.status === 'open')!;
  x.status = r.decision === 'accept' ? 'accepted' : 'rejected';
  x.decidedBy = r.actor.name;
  x.decidedAtMs = at;
  x.reason = r.reason;
  for (const p of s.penalties) {
    p.held = false;
    if (r.decision === 'accept') p.waived = true;
  }
  const fact = record(`exclusion.${x.status}`, { cause: x.cause, reason: r.reason });
  effects.push(
    r.decision === 'accept'
      ? {
          type: 'waive',
          reason: `exclusion accepted (${x.cause}, clause 4.9.2): ${r.reason}`,
          actor: r.actor.name,
        }
      : {
          type: 'hold',
          held: false,
          reason: `exclusion rejected (clause 4.9.2): ${r.reason}`,
          actor: r.actor.name,
        },
  );
  return fact;
}
