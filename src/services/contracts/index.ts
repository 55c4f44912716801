// Contract registration, amendments (immutable terms versions) and reads (clause 3). Shared
// by the API routes and the activities; every write is one transaction. One module per
// responsibility, so each reads at once (issue 10 item 1); callers import this index.
export * from './checks';
export * from './reads';
export * from './changes';
