// `npm run test:cluster` (scripts/cluster-test.sh): the production topology, not part of `npm test`.
module.exports = {
  rootDir: '../..',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
};
