// One function per query of the recurring cycles (issue 5). snake_case in SQL, camelCase out.
// Rows as pg returns them (src/db/pool.ts): timestamptz as Date (the API's serializer writes
// +08:00, src/api/instants.ts), bigint and numeric as decimal strings, dates as YYYY-MM-DD.
// One module per record, so each reads at once (issue 10 item 1); callers import this index.
export * from './years';
export * from './inspections';
export * from './care';
export * from './acceptances';
export * from './payments';
