// Fault cases (clause 4.9): intake (fault-report.ts), lifecycle actions, Temporal Updates of the
// case workflow whose validators answer 403/409 with the rule (fault-actions.ts), and reads from
// the PostgreSQL record (fault-reads.ts). Imported in the order their routes were always declared
// (report, reads, actions: the OpenAPI document's order); express matches them by method and path.
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { faultReportRouter } from './fault-report';
import { faultReadsRouter } from './fault-reads';
import { faultActionsRouter } from './fault-actions';

export function faultsRouter(deps: ApiDeps): Router {
  const r = Router();
  r.use(faultReportRouter(deps));
  r.use(faultActionsRouter(deps));
  r.use(faultReadsRouter(deps));
  return r;
}
