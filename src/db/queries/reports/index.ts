// Report queries (issue 14), one function each, computed in PostgreSQL over indexed tables
// (051_report_indexes.sql): a report reads aggregates, never every case into the process.
// One module per report, so each reads at once (issue 10 item 1); callers import this index.
export * from './sla';
export * from './statement';
export * from './om-cases';
export * from './om-documents';
