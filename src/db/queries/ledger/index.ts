// One function per query over the penalty ledger, rights events and the notification outbox.
// One module per table group, so each reads at once (issue 10 item 1); callers import this index.
export type { PoolClient } from 'pg';
export * from './entries';
export * from './status-events';
export * from './sums';
export * from './rights';
export * from './outbox';
