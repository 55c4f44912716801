import type { Router } from 'express';
import type { ApiDeps } from '../deps';
import { adminRouter } from './admin';
import { auditRouter } from './audit';
import { codecRouter } from './codec';
import { faultsRouter } from './faults';
import { contractsRouter } from './contracts';
import { contractOverviewRouter } from './contract-overview';
import { contractChangesRouter } from './contract-changes';
import { ledgerRouter } from './ledger';
import { calendarRouter } from './calendar';
import { cyclesRouter } from './cycles';
import { obligationsRouter } from './obligations';
import { staffRouter } from './staff';
import { serviceRequestsRouter } from './service-requests';
import { notificationsRouter } from './notifications';
import { documentsRouter } from './documents';
import { reportsRouter } from './reports';
import { signOutRouter } from './session';
import { peopleRouter } from './people';
import { queueRouter } from './queue';
import { casesRouter } from './cases';
import { contractTextsRouter } from './contract-texts';

// Every authenticated router of the API, in mounting order. Each capability adds one line.
export function protectedRouters(deps: ApiDeps): Router[] {
  return [
    adminRouter(deps),
    auditRouter(deps),
    codecRouter(deps),
    faultsRouter(deps),
    contractsRouter(deps),
    contractOverviewRouter(deps),
    contractChangesRouter(deps),
    ledgerRouter(deps),
    calendarRouter(deps),
    cyclesRouter(deps),
    obligationsRouter(deps),
    staffRouter(deps),
    serviceRequestsRouter(deps),
    notificationsRouter(deps),
    documentsRouter(deps),
    reportsRouter(deps),
    signOutRouter(deps),
    peopleRouter(deps),
    queueRouter(deps),
    casesRouter(deps),
    contractTextsRouter(deps),
  ];
}
