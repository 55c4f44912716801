// One function per query over 005_obligations.sql: the 4.2 staff register and its change
// requests, the hospital's recorded MAC/IP/network/server changes (6.6 exception), and the
// obligations' record. One module per table group, so each reads at once (issue 10 item 1);
// callers import this index.
export * from './staff-register';
export * from './hospital-changes';
export * from './staff-change-requests';
export * from './records';
