// npm run schemathesis [-- --short]: schemathesis (PyPI, installed by scripts/toolchain.sh into
// a venv under ~/.cache/weibao) against /openapi.json of the platform as `npm start` runs it,
// once per role, with the one check that matters here: no server errors (issue 11, finding 8:
// 10 server errors in 52,566 requests). Bounded by --max-time per role (short: 15 s, full: 120 s).
// A 503 is an answer, not an error (the platform is up here, so none is expected either).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPlatform } from '../chaos/platform';
import { trafficAgainst } from '../chaos/traffic';

const ROLES = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'];
const short = process.argv.includes('--short');
const say = (msg: string) => process.stderr.write(`[schemathesis] ${msg}\n`);

async function main() {
  const root = path.join(__dirname, '../..');
  const st = execFileSync('bash', [path.join(root, 'scripts/toolchain.sh'), 'schemathesis'], { encoding: 'utf8' }).trim();
  say('starting the platform (npm start) on free ports...');
  const p = await startPlatform(root);
  const results: { role: string; rc: number; requests: number | null; failures: string }[] = [];
  try {
    const admin = trafficAgainst(p.base, { admin: p.adminKey });
    for (const role of ROLES) {
      const key = role === 'admin' ? p.adminKey : (await admin.call('admin', 'POST', '/api-keys', { name: `st-${role}`, role })).body!.key!;
      const report = path.join(p.dataDir, `st-${role}.json`);
      const run = spawnSync(st, ['run', `${p.base}/openapi.json`, '-H', `Authorization: Bearer ${key}`, '--checks', 'not_a_server_error',
        '--max-time', short ? '15' : '120', '--workers', '1', '--request-timeout', '15', '--generation-database', 'none', '--no-color',
        '--seed', '11', '--report', 'json', '--report-json-path', report], { encoding: 'utf8', env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' } });
      let requests: number | null = null;
      try { requests = countRequests(JSON.parse(readFileSync(report, 'utf8'))); } catch { /* no report */ }
      const failures = run.status === 0 ? '' : (run.stdout ?? '').split('\n').filter((l) => /server error|Server error|500|FAILURES|failed/i.test(l)).slice(0, 30).join('\n');
      results.push({ role, rc: run.status ?? -1, requests, failures });
      say(`${role}: ${run.status === 0 ? 'no server errors' : `FAILED (exit ${run.status})`}${requests === null ? '' : `, ${requests} requests`}`);
      if (run.status !== 0) process.stderr.write(`${(run.stdout ?? '').slice(-6000)}\n${run.stderr ?? ''}\n`);
    }
  } finally {
    await p.stop();
  }
  process.stdout.write(`${JSON.stringify({ mode: short ? 'short' : 'full', results: results.map(({ failures: _f, ...r }) => r) }, null, 2)}\n`);
  if (results.some((r) => r.rc !== 0)) process.exitCode = 1;
}

/** Total requests in schemathesis' JSON run report (its layout varies by version: any numeric "total_requests"/"requests"). */
function countRequests(report: unknown): number | null {
  let total: number | null = null;
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'total_requests' || k === 'requests_count') && typeof x === 'number') total = (total ?? 0) + x;
      else walk(x);
    }
  };
  walk(report);
  return total;
}

main().catch((err) => { say(`error: ${(err as Error).stack ?? String(err)}`); process.exitCode = 1; });
