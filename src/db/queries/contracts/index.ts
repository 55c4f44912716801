// One function per query over the contract tables (002_contract_core.sql). snake_case SQL,
// camelCase TypeScript; money stays a fen string, instants ISO strings. One module per table
// (issue 10 item 1); callers import this index.
export * from './contract';
export * from './terms-versions';
export * from './extensions';
