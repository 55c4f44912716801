// The cluster test (test/cluster) picks each of its 20 ports at random below 32768 before any of
// its servers binds one: two picks must never be the same port, or one server finds its port
// taken by another of the cluster (CI, 2026-12-03: api-1 "started" in 25 ms on a port another
// process held, and the proxy sent half the requests there).
import { freePort } from '../cluster/processes';

it('when ports are picked from a range barely larger than the picks and none is bound, then every pick is a different port', async () => {
  // 20000-20039: 40 ports for 25 picks, so a pick that may repeat an earlier one almost surely does
  const picks: number[] = [];
  for (let i = 0; i < 25; i++) picks.push(await freePort(20_040));
  expect(new Set(picks).size).toBe(picks.length);
  expect(picks.every((p) => p >= 20_000 && p < 20_040)).toBe(true);
});
