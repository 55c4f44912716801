// Notification queries (issue 13), one function each: subscriptions, routing, delivery. One
// module per concern (issue 10 item 1); callers import this index.
export * from './subscriptions';
export * from './routing';
