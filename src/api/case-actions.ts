// What the caller may do on a case of any family now (issue 16: the console shows these actions
// and nothing else). One rule in one place: the role comes from the duty matrix (the endpoint's
// duty, as enforceDuties applies it) and the state from the family's own check(), the function
// its update validator runs, called on the case as its record holds it with placeholder
// arguments (src/api/case-families.ts). A refusal by check() means "not now"; a refusal of a
// placeholder field (ValidationError) does not: the person fills the field in. The workflow
// still judges the action when it is sent: a page gone stale shows that refusal with its clause.
import { mergeTerms, type ContractTerms, type TermsOverrides } from '../domain';
import { DUTIES, type Duty } from '../security/duties';
import { endpointDuties } from '../security/endpoint-duties';
import { validateContest, validateContestDecision } from '../workflows/kernel/contest-rules';
import type { Actor as WorkflowActor } from '../workflows/kernel/actors';
import type { Fact } from '../workflows/kernel/facts';
import type { Actor } from './auth';

export interface CaseAction {
  /** the console's form: <family>.<action> */
  action: string;
  method: 'POST';
  /** the API route to send it to, its parameters filled in */
  url: string;
  clause: string;
  /** an action on one fact (contest, decide a contest) or one item (a remediation item) */
  factSeq?: number;
  itemId?: string;
}

/** The case as the check functions read it, with what each family's check needs beside its state. */
export interface CaseContext<S> {
  state: S;
  terms: ContractTerms;
  timeline: Fact[];
  params: Record<string, string>;
  /** the family's context arguments of check() (signing time, period start, year end) */
  extra: Record<string, number | undefined>;
}

export interface ActionSpec<S> {
  action: string;
  /** the endpoint as the duty matrix names it: "POST /contracts/{id}/..." */
  endpoint: string;
  /** its clause, or the case's own (a service request's is the clause it was raised under) */
  clause: string | ((s: S) => string);
  /** the family's check() with placeholder arguments for this actor at nowMs */
  check(c: CaseContext<S>, actor: WorkflowActor, nowMs: number, itemId?: string): void;
  /** per-item actions: the items it may apply to */
  items?: (s: S) => string[];
}

export interface FamilySpec<S> {
  /** the case's base path ("/contracts/{id}/inspections/{period}"); contests are its /contest and /contest-decision */
  base: string;
  /** the clause its contest refusals cite */
  clause: string;
  actions: ActionSpec<S>[];
}

export const PROBE = 'placeholder';
let duties: ReturnType<typeof endpointDuties> | undefined;
/** The duty of an endpoint, wherever it is declared (a route's own declaration or ENDPOINT_DUTIES). */
export const dutyOf = (endpoint: string): Duty | undefined => {
  const name = (duties ??= endpointDuties())[endpoint];
  return name ? (DUTIES[name] as Duty) : undefined;
};
const mayCall = (endpoint: string, role: string) => {
  const duty = dutyOf(endpoint);
  return duty !== undefined && (duty.roles as readonly string[]).includes(role);
};
const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? `{${k}}`));

/** Whether check() lets the action through (a placeholder field's ValidationError counts as through). */
function passes(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (e) {
    return (e as { type?: string }).type === 'ValidationError';
  }
}

/** The stated times of the timeline with their contests and decisions (the kernel's facts). */
export function statedOf(timeline: Fact[]): { factSeq: number; contest?: true; decision?: true }[] {
  const stated = timeline
    .filter((f) => f.statedBy)
    .map((f) => ({ factSeq: f.seq }) as { factSeq: number; contest?: true; decision?: true });
  for (const f of timeline) {
    const st = stated.find((x) => x.factSeq === f.detail.factSeq);
    if (st && f.type === 'time.contested') st.contest = true;
    if (st && f.type === 'time.decided') st.decision = true;
  }
  return stated;
}

/** The actions this actor may take on the case now, each with its clause (a contest per stated fact). */
export function permittedCaseActions<S>(
  spec: FamilySpec<S>,
  family: string,
  actor: Actor,
  c: CaseContext<S>,
  nowMs: number,
): CaseAction[] {
  const who: WorkflowActor = { name: actor.name, role: actor.role };
  const out: CaseAction[] = [];
  for (const a of spec.actions) {
    if (!mayCall(a.endpoint, actor.role)) continue;
    for (const itemId of a.items ? a.items(c.state) : [undefined]) {
      if (!passes(() => a.check(c, who, nowMs, itemId))) continue;
      const url = fill(a.endpoint.replace(/^POST /, ''), { ...c.params, ...(itemId ? { itemId } : {}) });
      out.push({
        action: `${family}.${a.action}`,
        method: 'POST',
        url,
        clause: typeof a.clause === 'function' ? a.clause(c.state) : a.clause,
        ...(itemId ? { itemId } : {}),
      });
    }
  }
  const stated = statedOf(c.timeline);
  const contest = `POST ${spec.base}/contest`;
  const decide = `POST ${spec.base}/contest-decision`;
  for (const st of stated) {
    const args = { actor: who, factSeq: st.factSeq, reason: PROBE };
    if (
      mayCall(contest, actor.role) &&
      passes(() => validateContest(c.terms, c.timeline, stated, args, nowMs, spec.clause))
    )
      out.push({
        action: 'contestTime',
        method: 'POST',
        url: fill(`${spec.base}/contest`, c.params),
        clause: spec.clause,
        factSeq: st.factSeq,
      });
    if (mayCall(decide, actor.role) && passes(() => validateContestDecision(stated, { ...args, decision: 'stated' })))
      out.push({
        action: 'decideContest',
        method: 'POST',
        url: fill(`${spec.base}/contest-decision`, c.params),
        clause: '6',
        factSeq: st.factSeq,
      });
  }
  return out;
}

export const termsOf = (t: unknown): ContractTerms => mergeTerms((t ?? {}) as TermsOverrides);
