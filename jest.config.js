// Three projects: pure unit tests run in parallel; Temporal suites run in band (npm test
// passes --runInBand) because each starts servers and workers on a 2-core machine.
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  testTimeout: 60_000,
  // Shards by measured duration (test/durations.json), not by path hash: the lanes end together.
  testSequencer: '<rootDir>/test/balanced-sequencer.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The web console in a real browser (Debian's Chromium via playwright-core; issue 16).
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
