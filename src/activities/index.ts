import type { ActivityDeps } from './deps';
import { recordActivities } from './records';
import { contractCoreActivities } from './contracts';
import { obligationActivities } from './obligations';
import { cycleActivities } from './cycles';

// Activities are thin adapters over PostgreSQL and the notifier, built from their
// dependencies; each is idempotent, keyed by the calling workflow's id. Each capability adds
// its factory's spread here (one line each).
export function createActivities(deps: ActivityDeps) {
  return {
    ...recordActivities(deps),
    ...contractCoreActivities(deps),
    ...obligationActivities(deps),
    ...cycleActivities(deps),
    async notify(n: Parameters<ActivityDeps['notifier']['send']>[0]): Promise<void> {
      await deps.notifier.send(n);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
