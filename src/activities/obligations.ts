// Activities of the signing obligations and staff changes (4.2, 6.6, 6.7): thin adapters
// over src/db/queries/obligations.ts, idempotent by the calling workflow's id.
import { inTransaction } from '../db/pool';
import {
  claimStaffChangeApplication,
  closeStaffChangeRequest,
  insertEngineers,
  listHospitalChanges,
  removeEngineers,
} from '../db/queries/obligations';
import type { Engineer } from '../domain/staff-register';
import type { HospitalChange } from '../domain/obligations';
import type { ActivityDeps } from './deps';

export function obligationActivities({ pool }: ActivityDeps) {
  return {
    /** The hospital's recorded MAC/IP/network/server changes of a contract (6.6 exception). */
    async listHospitalChanges(p: { contractId: string }): Promise<HospitalChange[]> {
      return (await listHospitalChanges(pool, p.contractId)).map(({ changeId, kind, changedAt, notifiedAt }) => ({
        changeId,
        kind,
        changedAt,
        notifiedAt,
      }));
    },
    /** Applies an engineer change to the 4.2 register once (key = staff-change workflow id). */
    async applyStaffChange(p: {
      key: string;
      contractId: string;
      requestId: string;
      remove: string[];
      add: Engineer[];
      effectiveDate: string;
    }): Promise<void> {
      await inTransaction(pool, async (c) => {
        if (!(await claimStaffChangeApplication(c, p.key, p.contractId, p.requestId))) return;
        await removeEngineers(c, p.contractId, p.remove, p.effectiveDate, p.key);
        await insertEngineers(c, p.contractId, p.add, p.effectiveDate, 'system:workflow', p.key);
      });
    },
    /** Marks a change request closed without effect (refused, withdrawn, contract ended), so the 4.2 check stops counting it (key = workflow id). */
    async closeStaffChangeRequest(p: {
      key: string;
      outcome: 'refused' | 'withdrawn' | 'contract-ended';
    }): Promise<void> {
      await closeStaffChangeRequest(pool, p.key, p.outcome);
    },
  };
}
