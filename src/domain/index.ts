// The pure domain core: importable from workflows, activities and the API alike.
export * from './errors';
export * from './money';
export * from './time';
export * from './calendar';
export * from './calendar-data';
export * from './terms';
export * from './readings';
export * from './penalties';
export * from './thresholds';
export * from './faults';
export * from './obligations';
export * from './go-live';
export * from './staff-register';
