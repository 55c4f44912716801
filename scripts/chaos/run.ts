// npm run chaos [-- --short]: the whole platform as `npm start` runs it, under mixed traffic,
// while the worker, the API, PostgreSQL and the Temporal dev server are each killed with
// SIGKILL in turn (issue 11). Loopback only, bounded in time (short: one round of four kills,
// about a minute and a half; full: three rounds). Then, once the platform is healthy again and
// the orphan sweep has had its time, it reports what verify.ts counts, and exits 1 if any
// figure but the counts and the longest request is not 0, or the longest request took 10 s+.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startPlatform, type Component, type Platform } from './platform';
import { contractBody, mixedTraffic, trafficAgainst } from './traffic';
import { verify } from './verify';

const short = process.argv.includes('--short');
const rounds = short ? 1 : 3;
const ORDER: Component[] = ['worker', 'api', 'postgres', 'temporal'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const say = (msg: string) =>
  process.stderr.write(`[chaos ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${msg}\n`);

async function main() {
  const started = Date.now();
  const root = path.join(__dirname, '../..');
  say('starting the platform (npm start) on free ports...');
  const p = await startPlatform(root);
  say(`up in ${Math.round((Date.now() - started) / 1000)} s; data in ${p.dataDir}`);
  try {
    const admin = trafficAgainst(p.base, { admin: p.adminKey });
    const keys: Record<string, string> = { admin: p.adminKey };
    for (const role of ['hospital-operator', 'vendor-engineer', 'auditor']) {
      const r = await admin.call('admin', 'POST', '/api-keys', { name: `chaos-${role}`, role });
      if (r.status !== 201) throw new Error(`key for ${role}: ${r.status} ${JSON.stringify(r.body)}`);
      keys[role] = r.body!.key!;
    }
    const t = trafficAgainst(p.base, keys);
    for (let i = 0; i < 3; i++) {
      const id = `C-chaos-base-${i}`;
      const r = await t.call('admin', 'POST', '/contracts', contractBody(id), `base-${i}`);
      if (r.status !== 201 && r.status !== 200) throw new Error(`contract: ${r.status} ${JSON.stringify(r.body)}`);
      t.traffic.contracts.push(id);
    }

    // Traffic runs for the whole schedule of kills; each kill waits for the platform to recover.
    let stopped = false;
    const load = mixedTraffic(t, 6, () => stopped);
    await sleep(3_000);
    const kills: { component: Component; pid: number | null; noticedMs: number | null; recoveredMs: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const c of ORDER) {
        const pid = p.kill(c);
        const at = Date.now();
        say(`kill -9 ${c} (pid ${pid ?? 'not found'})`);
        // Recovery counts from the kill until /health is ok again after it said so (a dead
        // worker's heartbeat goes stale only after WORKER_HEARTBEAT_STALE_SECONDS).
        const noticed = await p.waitUnhealthy(10_000);
        const noticedMs = noticed ? Date.now() - at : null;
        const healthy = await p.waitHealthy(90_000);
        kills.push({ component: c, pid, noticedMs, recoveredMs: Date.now() - at });
        say(healthy ? `${c} back after ${Math.round((Date.now() - at) / 1000)} s` : `${c} did NOT recover within 90 s`);
        await sleep(1_500); // traffic on the recovered platform before the next kill
      }
    }
    say('stopping traffic; in-flight writes finish their retries');
    stopped = true;
    await load;
    say('settling: every committed case has recorded its first facts (the orphan sweep starts any after 10 s)');
    await p.waitHealthy(60_000);
    await settled(p, 45_000);
    const { figures, details } = await verify(p.pgUrl, t.traffic);
    const report = {
      mode: short ? 'short' : 'full',
      seconds: Math.round((Date.now() - started) / 1000),
      kills,
      ...figures,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    // Unaudited mutations fail the run (always; --strict-audit, which once made them count, is
    // accepted for old command lines): a refusal while PostgreSQL is down reaches audit_log
    // through the API's spool (src/api/audit-spool.ts).
    const bad =
      figures.lostWrites +
      figures.duplicatedRows +
      figures.orphanCases +
      figures.serverErrorsOther503 +
      figures.unauditedMutations;
    if (bad > 0 || figures.longestMs >= 10_000 || kills.some((k) => k.recoveredMs > 90_000)) {
      say(`FAILED: ${JSON.stringify(details, null, 1).slice(0, 4000)}`);
      process.exitCode = 1;
    }
  } finally {
    await p.stop();
    // A failed run keeps its logs and database for a look; a passed one leaves nothing behind.
    if (process.exitCode) say(`kept ${p.dataDir} (logs, database)`);
    else rmSync(p.dataDir, { recursive: true, force: true });
  }
}

/**
 * Waits (at least 3 s, at most maxMs) until no committed case is without recorded facts and the
 * API's audit spool is empty (rows of the PostgreSQL outage's refusals replayed into audit_log).
 */
async function settled(p: Platform, maxMs: number): Promise<void> {
  const db = new Client({ connectionString: p.pgUrl });
  await db.connect();
  const spooled = () => {
    try {
      return readdirSync(path.join(p.dataDir, 'audit-spool')).some((n) => n.endsWith('.json'));
    } catch {
      return false;
    }
  };
  try {
    const until = Date.now() + maxMs;
    await sleep(3_000);
    while (
      Date.now() < until &&
      ((await db.query('SELECT 1 FROM fault_cases WHERE last_seq = 0 LIMIT 1')).rowCount || spooled())
    )
      await sleep(500);
  } finally {
    await db.end();
  }
}

main().catch((err) => {
  say(`error: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
