// The document store in PostgreSQL, one function per query. Versions are append-only and
// numbered per document under the document's row lock, so two concurrent uploads get
// versions n+1 and n+2, never the same number; an Idempotency-Key makes a retried upload
// return what the first one stored. Reads and writes are a module each (issue 10 item 1).
export * from './reads';
export * from './writes';
