// Behind compose's TLS proxy every request arrives from the proxy's address: with TRUST_PROXY
// the brake counts the client named by X-Forwarded-For, so one client guessing keys does not
// lock every other client out (which would turn the brake into a denial of service).
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false, apiConfig: { TRUST_PROXY: 'loopback', AUTH_FAILURE_LIMIT: 3 } });
});
afterAll(async () => {
  await stack.stop();
});

const get = (key: string, client: string) =>
  fetch(`${stack.baseUrl}/me`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': client } }).then(
    (r) => r.status,
  );

it('when one client behind the proxy is braked, then another client behind it still gets in', async () => {
  const guesses: number[] = [];
  for (let i = 0; i < 5; i++) guesses.push(await get(`wb_guess-${i}`, '203.0.113.7'));
  expect(guesses).toEqual([401, 401, 401, 429, 429]);
  expect(await get(stack.keys.auditor, '203.0.113.7')).toBe(429);
  expect(await get(stack.keys.auditor, '198.51.100.20')).toBe(200);
});
