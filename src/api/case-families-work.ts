// The console's actions of service requests (4.4-5.4), yearly acceptances (3, 8), the 6.3
// rectification plan and customer care (4.1), as case-families.ts declares the others: the
// endpoint (whose duty gives the roles), the clause, and the family's own check() with
// placeholder arguments (src/api/case-actions.ts explains why a placeholder field's refusal
// counts as permitted). Each check is the one its workflow's Update validator runs.
import { addDays, shanghaiDate } from '../domain/time';
import type { Actor } from '../workflows/kernel/actors';
import { check as acceptanceCheck, type AcceptanceAction } from '../workflows/cycles/acceptance-rules';
import type { AcceptanceState } from '../workflows/cycles/acceptance-messages';
import { careLogStated } from '../workflows/cycles/care-rules';
import { check as rectificationCheck, type RectificationAction } from '../workflows/obligations/rectification-rules';
import type { RectificationState } from '../workflows/obligations/rectification-messages';
import { requireParty } from '../workflows/obligations/shared-rules';
import { checkActor, RULES, type Rule } from '../workflows/service/rules';
import type { ServiceAction, ServiceArgs, ServiceRequestState } from '../workflows/service/messages';
import { ACTIONS as SERVICE_ROUTES } from './routes/service-schemas';
import { PROBE, type ActionSpec, type CaseContext, type FamilySpec } from './case-actions';

/** One action: the console's name, its endpoint, its clause and the check with placeholder arguments. */
function action<S>(
  name: string,
  endpoint: string,
  clause: ActionSpec<S>['clause'],
  check: (c: CaseContext<S>, actor: Actor, nowMs: number, itemId?: string) => void,
  items?: (s: S) => string[],
): ActionSpec<S> {
  return { action: name, endpoint: `POST ${endpoint}`, clause, check, ...(items ? { items } : {}) };
}

// Service requests: each route of service-schemas.ts, checked by its rule (service/rules.ts) as
// the workflow's validator does: the role (checkActor), then the state (rule.check).
const SERVICE = '/contracts/{id}/service-requests/{requestId}';
/**
 * Placeholder arguments of each action, typed by the action's own messages (ServiceArgs), so a
 * renamed field fails to compile here. A due date the day after tomorrow (Asia/Shanghai) is a valid
 * proposal; empty evidence is the field the vendor fills in (a ValidationError: permitted).
 */
const SERVICE_PROBES: { [K in ServiceAction]: (actor: Actor, nowMs: number) => ServiceArgs[K] } = {
  proposeDueDate: (actor, nowMs) => ({ actor, dueDate: addDays(shanghaiDate(nowMs), 2) }),
  acceptDueDate: (actor) => ({ actor }),
  acknowledge: (actor) => ({ actor }),
  startWork: (actor) => ({ actor }),
  deliver: (actor) => ({ actor, evidence: [] }),
  reviewDelivery: (actor) => ({ actor, decision: 'accept' }),
  claimLargeChange: (actor) => ({ actor, reason: PROBE }),
  decideLargeChange: (actor) => ({ actor, decision: 'contest', reason: PROBE }),
  priceBreach: (actor) => ({ actor, ratePercent: '0.01' }),
};
/** The role (checkActor), then the state (rule.check), as the workflow's validator runs them. */
function serviceCheck<K extends ServiceAction>(a: K, c: CaseContext<ServiceRequestState>, actor: Actor, nowMs: number) {
  const rule: Rule<ServiceArgs[K]> = RULES[a];
  checkActor(rule, actor, c.state.clause);
  // amountFen 0: only priceBreach reads it, and a rate it refuses is a field the approver fills in
  rule.check(c.state, SERVICE_PROBES[a](actor, nowMs), { terms: c.terms, amountFen: 0n, nowMs });
}
/** The clause an action cites: a breach is priced under 6.5, a large change is 5.4's, the rest the request's own. */
const serviceClause = (a: ServiceAction) => (s: ServiceRequestState) =>
  a === 'priceBreach' ? '6.5' : a === 'claimLargeChange' || a === 'decideLargeChange' ? '5.4' : s.clause;
const service: FamilySpec<ServiceRequestState> = {
  base: SERVICE,
  clause: '4.4',
  actions: SERVICE_ROUTES.map(({ path, action: a }) =>
    action<ServiceRequestState>(path, `${SERVICE}/${path}`, serviceClause(a), (c, actor, now) =>
      serviceCheck(a, c, actor, now),
    ),
  ),
};

// Yearly acceptance: the vendor submits the package, the approver passes or fails it.
const ACCEPTANCE = '/contracts/{id}/acceptances/{year}';
// yearEndMs 0 (no lower bound): the placeholder states no earlier time, so only the state and role are judged.
const accept = (c: CaseContext<AcceptanceState>, a: AcceptanceAction, nowMs: number) =>
  acceptanceCheck(c.state, a, c.terms, 0, nowMs);
const acceptance: FamilySpec<AcceptanceState> = {
  base: ACCEPTANCE,
  clause: '3',
  actions: [
    action('submit', `${ACCEPTANCE}/submit`, '3', (c, actor, now) =>
      accept(c, { action: 'submit', args: { actor } }, now),
    ),
    action('decision', `${ACCEPTANCE}/decision`, '8', (c, actor, now) =>
      accept(c, { action: 'decide', args: { actor, outcome: 'fail', reasons: [PROBE] } }, now),
    ),
  ],
};

// The 6.3 plan: the vendor submits it, the hospital reviews its items, the vendor revises a
// rejected item or reports one done, the hospital confirms it; the approver prices a late plan.
const RECTIFICATION = '/contracts/{id}/rectification';
const rectify = (c: CaseContext<RectificationState>, a: RectificationAction, nowMs: number) =>
  rectificationCheck(c.state, a, { terms: c.terms, amountFen: 0n, nowMs });
const itemsIn =
  (...statuses: string[]) =>
  (s: RectificationState) =>
    s.items.filter((i) => statuses.includes(i.status)).map((i) => i.itemId);
const ITEM = `${RECTIFICATION}/items/{itemId}`;
const rectification: FamilySpec<RectificationState> = {
  base: RECTIFICATION,
  clause: '6.3',
  actions: [
    action('plan', `${RECTIFICATION}/plan`, '6.3', (c, actor, now) =>
      rectify(c, { action: 'plan', args: { actor, systemCheck: PROBE, problems: [], items: [] } }, now),
    ),
    action('review', `${RECTIFICATION}/review`, '6.3', (c, actor, now) => {
      const ids = itemsIn('awaiting-review')(c.state);
      const decisions = ids.map((itemId) => ({ itemId, accepted: true }));
      rectify(c, { action: 'review', args: { actor, decisions } }, now);
    }),
    action(
      'items-revise',
      `${ITEM}/revise`,
      '6.3',
      (c, actor, now, itemId) =>
        rectify(c, { action: 'revise', args: { actor, item: { itemId: itemId!, description: PROBE } } }, now),
      itemsIn('rejected'),
    ),
    action(
      'items-done',
      `${ITEM}/done`,
      '6.3',
      (c, actor, now, itemId) => rectify(c, { action: 'done', args: { actor, itemId: itemId! } }, now),
      itemsIn('open'),
    ),
    action(
      'items-confirm',
      `${ITEM}/confirm`,
      '6.3',
      (c, actor, now, itemId) =>
        rectify(c, { action: 'confirm', args: { actor, itemId: itemId!, confirmed: true } }, now),
      itemsIn('done-claimed'),
    ),
    action('plan-breach-price', `${RECTIFICATION}/plan-breach/price`, '6.5', (c, actor, now) =>
      rectify(c, { action: 'price', args: { actor, ratePercent: '0.01' } }, now),
    ),
  ],
};

// Customer care: the vendor logs a return visit or a mailing while the quarter is open (4.1);
// the log is taken by POST /care-logs and counted on the quarter it falls in.
const care: FamilySpec<{ status?: string }> = {
  base: '/contracts/{id}/care-periods/{period}',
  clause: '4.1',
  actions: [
    action('log', '/contracts/{id}/care-logs', '4.1', (c, actor, now) => {
      requireParty(actor, 'vendor', 'logging a customer-care visit', '4.1');
      careLogStated(c.terms, 'visit', actor, now, undefined);
    }),
  ],
};

export const WORK_FAMILY_SPECS = { service, acceptance, rectification, care };
