// What the caller may do on a fault case now (issue 16: the console shows these actions and
// nothing else). No second copy of any rule: the role comes from the duty matrix
// (src/security/duties.ts, as enforceDuties applies it) and the state from the fault family's
// own check() (src/workflows/fault/rules.ts, what the update validator runs), called on the case
// as its record holds it, with placeholder arguments. A refusal by check() means "not now"; a
// missing field does not (the person fills it in). The workflow still judges the action when it
// is sent: a page that went stale shows that refusal with its clause.
import { mergeTerms, type ContractTerms, type TermsOverrides } from '../domain';
import { DUTIES, type Duty } from '../security/duties';
import { endpointDuties } from '../security/endpoint-duties';
import { check, CLAUSE } from '../workflows/fault/rules';
import type { FaultLevel } from '../domain';
import type { FaultAction, FaultArgs } from '../workflows/fault/messages';
import type { Actor as WorkflowActor } from '../workflows/kernel/actors';
import type { Fact } from '../workflows/kernel/facts';
import type { DeadlineState, ExclusionState, FaultState, StatedTime } from '../workflows/fault/state';
import type { Actor } from './auth';
import type { LedgerStatus } from '../db/queries/ledger';
import { nextStatus } from '../services/ledger-status';

export interface PermittedAction {
  action: FaultAction;
  /** POST /faults/{caseId}/<path> */
  path: string;
  clause: string;
  /** contestTime / decideContest: the fact whose stated time is contested or decided. */
  factSeq?: number;
}

const PROBE = 'placeholder';
/** The duty of an endpoint, as its route declares it. */
let duties: ReturnType<typeof endpointDuties> | undefined;
const dutyOf = (endpoint: string): Duty | undefined => {
  const name = (duties ??= endpointDuties())[endpoint];
  return name ? (DUTIES[name] as Duty) : undefined;
};
/**
 * Placeholder arguments of each action, typed by the fault family's messages (FaultArgs), so a
 * renamed field fails to compile here; the placeholder text is what the person fills in.
 */
const FAULT_PROBES: { [K in FaultAction]: (actor: WorkflowActor, level: FaultLevel, factSeq: number) => FaultArgs[K] } =
  {
    respond: (actor) => ({ actor, engineer: PROBE, how: 'phone' }),
    investigate: (actor) => ({ actor }),
    submitAnalysis: (actor) => ({ actor, reference: PROBE, checksum: 'sha256:00000000' }),
    reviewAnalysis: (actor) => ({ actor, decision: 'accept', reason: PROBE }),
    onsiteArrived: (actor) => ({ actor, engineer: PROBE }),
    replacementProvided: (actor) => ({ actor, description: PROBE }),
    resolve: (actor) => ({ actor, summary: PROBE }),
    confirmFix: (actor) => ({ actor }),
    reopen: (actor) => ({ actor, reason: PROBE }),
    regrade: (actor, level) => ({ actor, level: level === 5 ? 4 : ((level + 1) as FaultLevel), reason: PROBE }),
    claimExclusion: (actor) => ({ actor, cause: 'network', evidence: [PROBE], explanation: PROBE }),
    decideExclusion: (actor) => ({ actor, decision: 'accept', reason: PROBE }),
    contestTime: (actor, _level, factSeq) => ({ actor, factSeq, reason: PROBE }),
    decideContest: (actor, _level, factSeq) => ({ actor, factSeq, decision: 'stated', reason: PROBE }),
  };

interface RecordedCase {
  caseId: string;
  contractId: string;
  level: number;
  status: FaultState['status'];
  reportedAt: Date | string;
  deadlines: DeadlineState[] | null;
  exclusions: ExclusionState[] | null;
}
interface RecordedFact {
  seq: number;
  type: string;
  occurredAt: Date | string;
  recordedAt: Date | string;
  recordedBy: { name: string; role: string };
  statedBy?: string;
  detail: Record<string, unknown>;
}

const ms = (d: Date | string) => new Date(d).getTime();

/** The parts of the case state check() reads, rebuilt from the record (case row and facts). */
export function stateFromRecord(c: RecordedCase, facts: RecordedFact[], terms: ContractTerms): FaultState {
  const timeline = facts.map(
    (f) =>
      ({
        seq: f.seq,
        type: f.type,
        occurredAt: ms(f.occurredAt),
        recordedAt: ms(f.recordedAt),
        recordedBy: f.recordedBy,
        detail: f.detail,
        ...(f.statedBy ? { statedBy: f.statedBy } : {}),
      }) as Fact,
  );
  const stated: StatedTime[] = timeline
    .filter((f) => f.statedBy)
    .map((f) => ({ factSeq: f.seq, statedBy: f.statedBy!, statedAtMs: f.occurredAt, recordedAtMs: f.recordedAt }));
  let analysis: FaultState['analysis'];
  for (const f of timeline) {
    const st = stated.find((x) => x.factSeq === f.detail.factSeq);
    if (f.type === 'time.contested' && st)
      st.contest = { by: f.recordedBy.name, party: 'platform', reason: '', proposedAtMs: 0, atMs: 0, factSeq: f.seq };
    if (f.type === 'time.decided' && st)
      st.decision = { outcome: 'stated', effectiveAtMs: 0, by: '', reason: '', atMs: 0, factSeq: f.seq };
    if (f.type === 'analysis.submitted')
      analysis = { reference: '', checksum: '', atMs: f.occurredAt, by: '', status: 'submitted', factSeq: f.seq };
    if ((f.type === 'analysis.accepted' || f.type === 'analysis.rejected') && analysis)
      analysis.status = f.type === 'analysis.accepted' ? 'accepted' : 'rejected';
  }
  const deadlines = c.deadlines ?? [];
  return {
    caseId: c.caseId,
    contractId: c.contractId,
    level: c.level,
    status: c.status,
    reportedAtMs: ms(c.reportedAt),
    terms,
    round: Math.max(1, ...deadlines.map((d) => d.round)),
    deadlines,
    exclusions: c.exclusions ?? [],
    stated,
    timeline,
    analysis,
  } as FaultState;
}

const PATH_OF = (action: FaultAction, paths: Record<string, FaultAction>) =>
  Object.entries(paths).find(([, a]) => a === action)![0];

/** The actions this actor may take on the case now, each with its clause (a contest per fact). */
export function permittedFaultActions(
  actor: Actor,
  c: RecordedCase,
  facts: RecordedFact[],
  termsOverrides: unknown,
  paths: Record<string, FaultAction>,
  nowMs: number,
): PermittedAction[] {
  const s = stateFromRecord(c, facts, mergeTerms((termsOverrides ?? {}) as TermsOverrides));
  const out: PermittedAction[] = [];
  const tryAction = (action: FaultAction, factSeq?: number) => {
    try {
      check(action, s, FAULT_PROBES[action]({ name: actor.name, role: actor.role }, s.level, factSeq ?? 0), nowMs);
    } catch (e) {
      if ((e as { type?: string }).type !== 'ValidationError') return; // forbidden or not now
    }
    out.push({ action, path: PATH_OF(action, paths), clause: CLAUSE[action], ...(factSeq ? { factSeq } : {}) });
  };
  for (const [path, action] of Object.entries(paths)) {
    const duty = dutyOf(`POST /faults/{caseId}/${path}`);
    if (!duty || !(duty.roles as readonly string[]).includes(actor.role)) continue;
    if (action === 'contestTime' || action === 'decideContest') {
      for (const st of s.stated) tryAction(action, st.factSeq);
      continue;
    }
    tryAction(action);
  }
  return out;
}

/** Ledger entry actions the console offers: duty from the matrix, state from the ledger's own nextStatus(). */
const LEDGER_ACTIONS = [
  { path: 'confirm', action: 'confirm' },
  { path: 'waive', action: 'waive' },
  { path: 'dispute', action: 'dispute' },
  { path: 'decide', action: 'decide-upheld' },
] as const;

export function permittedLedgerActions(
  actor: Actor,
  entry: { id: string; status: LedgerStatus; statusReason?: string | null },
): { action: string; path: string; clause: string }[] {
  const out: { action: string; path: string; clause: string }[] = [];
  for (const { path, action } of LEDGER_ACTIONS) {
    const duty = dutyOf(`POST /ledger/{id}/${path}`);
    if (!duty || !(duty.roles as readonly string[]).includes(actor.role)) continue;
    try {
      nextStatus({ ...entry, statusReason: entry.statusReason ?? null, compensates: null }, action);
    } catch {
      continue;
    }
    out.push({ action: path, path, clause: duty.clause });
  }
  return out;
}
