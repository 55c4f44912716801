// Addresses of the servers that scripts/test.sh started for this run.
function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.sh starts the servers)`);
  return v;
}
export const testEnv = {
  pgUrl: () => need('WEIBAO_TEST_PG_URL'),
  temporalAddress: () => need('WEIBAO_TEST_TEMPORAL_ADDRESS'),
  testServer: () => need('WEIBAO_TEST_SERVER'),
};
