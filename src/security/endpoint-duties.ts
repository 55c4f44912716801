// The duty of every endpoint: a declared route's own (src/api/route.ts, declareRoute's `duty`),
// and for the routes not yet declared that way, their line in ENDPOINT_DUTIES (duties.ts). One
// endpoint has one duty in one place: naming it in both is refused.
import { declaredRoutes } from '../api/route';
import { ENDPOINT_DUTIES, type DutyName } from './duties';

export function endpointDuties(): Record<string, DutyName> {
  const out: Record<string, DutyName> = { ...ENDPOINT_DUTIES };
  for (const route of declaredRoutes()) {
    if (route.key in ENDPOINT_DUTIES)
      throw new Error(`${route.key}: its duty is declared with the route and in ENDPOINT_DUTIES`);
    out[route.key] = route.spec.duty;
  }
  return out;
}
