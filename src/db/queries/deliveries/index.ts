// Delivery queries (issue 13): claim due deliveries, record each attempt, read them back. One
// module for sending, one for reading (issue 10 item 1); callers import this index.
export * from './attempts';
export * from './reads';
