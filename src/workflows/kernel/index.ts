// The case kernel shared by every family (fault, inspection, care, acceptance, rectification,
// go-live, dongle, staff change). A family = messages + pure rules (check, apply) + duties +
// thin wiring on these pieces. Keep workflow imports relative (the bundler needs them).
export * from './actors';
export * from './facts';
export * from './serial';
export * from './wake-timer';
export * from './attributes';
export * from './continue-as-new';
export * from './record';
export * from './stated-times';
export * from './activities';
