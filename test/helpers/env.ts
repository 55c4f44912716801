// Addresses of the servers that scripts/test.sh started for this run.
function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.sh starts the servers)`);
  return v;
}
export const testEnv = {
  /** The cluster's superuser (creates databases; tests that play an attacker with full access). */
  pgUrl: () => need('WEIBAO_TEST_PG_URL'),
  /** The owner role that runs migrations, and the application role of the API and workers (issue 12); the superuser where a harness sets no roles. */
  pgOwnerUrl: () => process.env.WEIBAO_TEST_PG_OWNER_URL ?? need('WEIBAO_TEST_PG_URL'),
  pgAppUrl: () => process.env.WEIBAO_TEST_PG_APP_URL ?? need('WEIBAO_TEST_PG_URL'),
  temporalAddress: () => need('WEIBAO_TEST_TEMPORAL_ADDRESS'),
  testServer: () => need('WEIBAO_TEST_SERVER'),
};
