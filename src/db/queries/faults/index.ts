// Fault case queries (clause 4.9), one function each. snake_case in SQL, camelCase out. Writes
// and reads are a module each (issue 10 item 1); callers import this index.
export * from './writes';
export * from './reads';
