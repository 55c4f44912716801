// Onboarding a running contract (issue 10 item 4): the `onboarding.staff` block, the vendor's
// engineer register as it stood at signing (4.2) and the changes made before registration, each
// at its time (4.2, 6.7). The checks refuse a change outside the contract's life, out of order
// or leaving no qualified engineer (400 naming the field and the clause); the registration hook
// records the register and each change as the live routes would (src/api/routes/staff.ts) and
// starts each change's workflow with its entered facts, which judges them as live. The block's
// shape and its times: onboarding-staff-facts.ts.
import type { Pool } from 'pg';
import { invalid } from './errors';
import type { ContractSummary } from './contract-hooks';
import type { ApiDeps } from './deps';
import { startOnce } from './routes/obligation-kit';
import { inTransaction } from '../db/pool';
import {
  claimStaffChangeApplication,
  engineerIdsEver,
  findStaffChangeRequest,
  insertEngineers,
  insertStaffChangeRequest,
  removeEngineers,
} from '../db/queries/obligations';
import { isQualified, type Engineer } from '../domain/staff-register';
import type { PastStaffChange, StaffHistory } from '../domain/onboarding-staff';
import { shanghaiDate, startOfShanghaiDay } from '../domain/time';
import { staffChangeCaseId, staffChangeWorkflow, type StaffChangeInput } from '../workflows/obligations';

const ms = (s: string) => Date.parse(s);

/** The changes that took effect, in the order they did (refused, withdrawn and future ones apply nothing). */
const appliedInOrder = (s: StaffHistory, nowMs: number) =>
  (s.changes ?? [])
    .map((ch, i) => ({ ch, i }))
    .filter(({ ch }) => takesEffect(ch, nowMs))
    .sort((a, b) => a.ch.effectiveDate.localeCompare(b.ch.effectiveDate) || a.i - b.i);
const takesEffect = (ch: PastStaffChange, nowMs: number) =>
  ch.kind === 'unannounced' ||
  (!ch.withdrawnAt && ch.decision?.approved !== false && startOfShanghaiDay(ch.effectiveDate) <= nowMs);

/**
 * 4.2 / 6.7, as the live routes and workflow allow them: a qualified fixed engineer on the
 * register at signing and after every change that took effect; ids never reused; removals of
 * engineers on the register when the change takes effect; a decision only on a request, after
 * it and before its effective day; a refused change is not withdrawn after, nor a withdrawn one decided.
 */
export function checkOnboardedStaff(s: StaffHistory, signedAt: string): void {
  const f = 'onboarding.staff';
  if (!s.register.some(isQualified))
    throw invalid(`${f}.register`, 'the register needs a fixed engineer with 2 or more years on the product', '4.2');
  // The document store is per contract: nothing can be cited before the contract exists.
  for (const [field, list] of [
    ['register', s.register],
    ...(s.changes ?? []).map((ch, i) => [`changes.${i}.add`, ch.add] as const),
  ] as const)
    for (const [k, e] of list.entries())
      if (e.qualificationDocument)
        throw invalid(
          `${f}.${field}.${k}.qualificationDocument`,
          'store the qualification document after the registration, then cite it',
          '4.2',
        );
  const ever = new Set<string>();
  for (const [i, e] of s.register.entries()) {
    if (ever.has(e.engineerId)) throw invalid(`${f}.register.${i}.engineerId`, 'engineer ids are unique', '4.2');
    ever.add(e.engineerId);
  }
  const ids = new Set<string>();
  for (const [i, ch] of (s.changes ?? []).entries()) {
    const g = `${f}.changes.${i}`;
    if (ids.has(ch.requestId)) throw invalid(`${g}.requestId`, 'request ids are unique', '4.2');
    ids.add(ch.requestId);
    if (ch.remove.length + ch.add.length === 0)
      throw invalid(`${g}.remove`, 'a change removes or adds at least one engineer', '4.2');
    if (ch.effectiveDate < shanghaiDate(ms(signedAt)))
      throw invalid(`${g}.effectiveDate`, 'a change takes effect after the signing', '4.2');
    for (const [k, e] of ch.add.entries()) {
      if (ever.has(e.engineerId))
        throw invalid(
          `${g}.add.${k}.engineerId`,
          `engineer id ${e.engineerId} was already used on this contract`,
          '4.2',
        );
      ever.add(e.engineerId);
    }
    const effectiveMs = startOfShanghaiDay(ch.effectiveDate);
    if (ch.kind === 'unannounced' && (ch.decision || ch.withdrawnAt))
      throw invalid(
        `${g}.${ch.decision ? 'decision' : 'withdrawnAt'}`,
        'an unannounced change is reported, not decided or withdrawn',
        '6.7',
      );
    if (ch.kind === 'unannounced' && ms(ch.requestedAt) < effectiveMs)
      throw invalid(`${g}.requestedAt`, 'an unannounced change is reported after it took effect', '6.7');
    for (const [field, at] of [
      ['decision.decidedAt', ch.decision?.decidedAt],
      ['withdrawnAt', ch.withdrawnAt],
    ] as const) {
      if (at === undefined) continue;
      if (ms(at) < ms(ch.requestedAt)) throw invalid(`${g}.${field}`, 'before the change was requested', '4.2');
      if (ms(at) >= effectiveMs) throw invalid(`${g}.${field}`, `the change took effect on ${ch.effectiveDate}`, '4.2');
    }
    if (ch.decision && ch.withdrawnAt && (!ch.decision.approved || ms(ch.decision.decidedAt) > ms(ch.withdrawnAt)))
      throw invalid(
        `${g}.withdrawnAt`,
        'a change is closed by its refusal or its withdrawal, whichever came first',
        '4.2',
      );
  }
}

/** The register after the changes that took effect, in their order (400 naming the change that does not fit). */
export function checkRegisterAfter(s: StaffHistory, nowMs: number): Engineer[] {
  let register: Engineer[] = [...s.register];
  for (const { ch, i } of appliedInOrder(s, nowMs)) {
    const g = `onboarding.staff.changes.${i}`;
    for (const [k, rid] of ch.remove.entries())
      if (!register.some((e) => e.engineerId === rid))
        throw invalid(`${g}.remove.${k}`, `engineer ${rid} is not on the register on ${ch.effectiveDate}`, '4.2');
    register = [...register.filter((e) => !ch.remove.includes(e.engineerId)), ...ch.add];
    if (ch.kind === 'requested' && !register.some(isQualified))
      throw invalid(`${g}.remove`, 'the change leaves no fixed engineer with 2 or more years on the product', '4.2');
  }
  return register;
}

/**
 * The registration hook: the register at signing, each change's request row, the changes that
 * took effect applied in their order under their workflow's key (so its own applyStaffChange
 * finds them applied: parallel workflows could not keep the order), then each change's workflow
 * with its entered facts. Idempotent: a retried registration finds every row and workflow.
 */
export async function startOnboardedStaff(
  deps: Pick<ApiDeps, 'pool' | 'temporal' | 'config'>,
  c: Pick<ContractSummary, 'id' | 'signedAt'>,
  s: StaffHistory,
  by: string,
  nowMs: number,
): Promise<void> {
  const entered = `${by} (entered at onboarding)`;
  const inputs = (s.changes ?? []).map((ch): StaffChangeInput => ({
    contractId: c.id,
    requestId: ch.requestId,
    kind: ch.kind,
    requestedAt: new Date(ms(ch.requestedAt)).toISOString(),
    requestedBy: entered,
    effectiveDate: ch.effectiveDate,
    remove: ch.remove,
    add: ch.add,
    reason: ch.reason,
    onboarded: {
      by,
      ...(ch.decision ? { decision: ch.decision } : {}),
      ...(ch.withdrawnAt ? { withdrawnAt: ch.withdrawnAt } : {}),
    },
  }));
  await recordStaff(deps.pool, c, s, inputs, entered, nowMs);
  for (const input of inputs)
    await startOnce(deps as ApiDeps, staffChangeWorkflow, staffChangeCaseId(c.id, input.requestId), 'staff', c.id, [
      input,
    ]);
}

async function recordStaff(
  pool: Pool,
  c: Pick<ContractSummary, 'id' | 'signedAt'>,
  s: StaffHistory,
  inputs: StaffChangeInput[],
  entered: string,
  nowMs: number,
): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query('SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE', [c.id]);
    if ((await engineerIdsEver(tx, c.id)).length === 0)
      await insertEngineers(tx, c.id, s.register, shanghaiDate(ms(c.signedAt)), entered, null);
    for (const input of inputs) {
      const workflowId = staffChangeCaseId(c.id, input.requestId);
      if (await findStaffChangeRequest(tx, workflowId)) continue;
      await insertStaffChangeRequest(tx, { workflowId, ...input, input });
    }
    for (const { ch } of appliedInOrder(s, nowMs)) {
      const key = staffChangeCaseId(c.id, ch.requestId);
      if (!(await claimStaffChangeApplication(tx, key, c.id, ch.requestId))) continue;
      await removeEngineers(tx, c.id, ch.remove, ch.effectiveDate, key);
      await insertEngineers(tx, c.id, ch.add, ch.effectiveDate, 'system:workflow', key);
    }
  });
}
