// Who may do what, when, on a fault case (4.9.2-4.9.4), and what each action changes. check()
// is synchronous so the update validators can refuse before anything reaches history; apply()
// is pure so the same rules run in the handler after the terms are loaded. Every action may
// state when it happened (occurredAtMs, issue 10); deadlines are judged on those times.
// The family's rules module: the action table, check() and apply() are one file each (issue 10 item 1).
export { CLAUSE, FACT_KIND, receivedAt, stated } from './action-table';
export { check } from './check';
export { apply, type Effect } from './apply';
