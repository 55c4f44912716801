import type { Pool } from 'pg';
import type { Logger } from '../logger';

/** A channel that delivers notifications outside the system (webhook now; mail, chat later). */
export interface Notifier {
  send(n: {
    key: string;
    topic: string;
    contractId?: string;
    subject: string;
    body: Record<string, unknown>;
  }): Promise<void>;
}

export interface ActivityDeps {
  pool: Pool;
  log: Logger;
  notifier: Notifier;
}
