import { recordFacts } from '../db/queries/faults';
import type { FaultFactsBatch } from '../workflows/fault/snapshot';
import type { ActivityDeps } from './deps';

// Fault case records (clause 4.9). Idempotent: a fact is keyed by workflow id + seq, and the
// case row only moves forward (a retried or late batch never overwrites a newer snapshot).
export function faultActivities(deps: ActivityDeps) {
  return {
    async recordFaultFact(batch: FaultFactsBatch): Promise<void> {
      await recordFacts(deps.pool, batch);
    },
  };
}
