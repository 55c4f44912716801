// Recurring cycles of issue 5 (clauses 3, 4.1, 4.3, 4.6, 8, 10).
export * from './inspection';
export * from './customer-care';
export * from './acceptance';
export * from './launcher';
