// The clause 6 penalty ledger: routes declared in ledger-routes.ts, reads (list, totals, one,
// rights events) in ledger-reads.ts, changes (propose, confirm, waive, dispute, decide,
// compensate) in ledger-actions.ts.
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { ledgerReadsRouter } from './ledger-reads';
import { ledgerActionsRouter } from './ledger-actions';

export function ledgerRouter(deps: ApiDeps): Router {
  const r = Router();
  r.use(ledgerReadsRouter(deps));
  r.use(ledgerActionsRouter(deps));
  return r;
}
