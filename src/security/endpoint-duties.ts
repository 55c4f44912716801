// The duty of every endpoint: each route declares its own (src/api/route.ts, declareRoute's
// `duty`), so an endpoint has one duty in one place.
import { declaredRoutes } from '../api/route';
import type { DutyName } from './duties';

export function endpointDuties(): Record<string, DutyName> {
  return Object.fromEntries(declaredRoutes().map((route) => [route.key, route.spec.duty]));
}
