// The rules of a service request's actions (issue 18), pure: `check` is the synchronous
// validator (who may act, in which state, citing the clause), `apply` moves the state with the
// recorded fact and names the party whose move it now is (its notice). The wiring
// (service-request.ts) runs check in the Update's validator and again in its handler.
// The family's rules module: the rules' shape is rule-kit.ts, the work's rules work-rules.ts,
// the 5.4 and 6.5 rules change-rules.ts (issue 10 item 1).
import type { ServiceAction } from './messages';
import { CHANGE_RULES } from './change-rules';
import type { RulesOf } from './rule-kit';
import { WORK_RULES } from './work-rules';

export { checkActor, type Ctx, type Rule, type Told } from './rule-kit';

/** Every action's rule; a missing or mistyped one fails to compile. */
export const RULES: RulesOf<ServiceAction> = { ...WORK_RULES, ...CHANGE_RULES };
