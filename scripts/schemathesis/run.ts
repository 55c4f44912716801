// npm run schemathesis [-- --short]: schemathesis (PyPI, installed by scripts/toolchain.sh into
// a venv under ~/.cache/weibao) against /openapi.json of the platform as `npm start` runs it,
// once per role. Checks: no server errors (issue 11, finding 8: 10 server errors in 52,566
// requests), and every answer as declared (issue 15): its status is one the operation
// documents, its content type the declared one, its headers and body match the declared
// schemas (the platform also runs with VALIDATE_RESPONSES, so a body that breaks its route's
// declaration answers 500 naming the field). The six roles run at once, each bounded by
// --max-time (short: 40 s and 8 examples per operation, full: 300 s and 100).
// A 503 counts only while /health shows a component down (hooks.py).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startPlatform } from '../chaos/platform';
import { trafficAgainst } from '../chaos/traffic';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'no_503_while_healthy',
];
const ROLES = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'];
const short = process.argv.includes('--short');
const t0 = Date.now();
const say = (msg: string) =>
  process.stderr.write(`[schemathesis ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${msg}\n`);

async function main() {
  const root = path.join(__dirname, '../..');
  const st = execFileSync('bash', [path.join(root, 'scripts/toolchain.sh'), 'schemathesis'], {
    encoding: 'utf8',
  }).trim();
  say('starting the platform (npm start) on free ports...');
  // Answers checked against their declarations by the API itself too (response-check.ts). The
  // generated requests without a key (schemathesis' coverage phase) would otherwise trip the
  // failed-authentication limit for the one client address all roles share, and every role would
  // then read 429 instead of the operations' answers: the limit is tested in auth tests, not here.
  process.env.VALIDATE_RESPONSES = '1';
  process.env.AUTH_FAILURE_LIMIT = '10000';
  const p = await startPlatform(root);
  const results: { role: string; rc: number; requests: number | null; ok: boolean }[] = [];
  try {
    const admin = trafficAgainst(p.base, { admin: p.adminKey });
    const keyFor = async (role: string): Promise<string> => {
      if (role === 'admin') return p.adminKey;
      for (let attempt = 1; ; attempt++) {
        const r = await admin.call('admin', 'POST', '/api-keys', { name: `st-${role}`, role }, `st-key-${role}`);
        if (r.status === 201 || r.status === 200) return r.body!.key!;
        if (attempt >= 5) throw new Error(`key for ${role}: ${r.status}`);
        await new Promise((res) => setTimeout(res, 500));
      }
    };
    const keys = await Promise.all(ROLES.map(keyFor));
    // Every 5xx but 503 fails the run; a 503 (Retry-After: a dependency is down, or the request
    // deadline passed) fails it too unless /health confirms a component was down right then
    // (hooks.py): with every server up, a 503 is a failure (issue 11).
    const config = path.join(p.dataDir, 'schemathesis.toml');
    writeFileSync(config, '[checks.not_a_server_error]\nexpected-statuses = ["1XX", "2XX", "3XX", "4XX", "503"]\n');
    // One schemathesis per role, all at once, each with its time budget.
    const runs = ROLES.map(
      (role, i) =>
        new Promise<void>((resolve) => {
          const report = path.join(p.dataDir, `st-${role}.json`);
          const out: string[] = [];
          const child = spawn(
            st,
            [
              '--config-file',
              config,
              'run',
              `${p.base}/openapi.json`,
              '-H',
              `Authorization: Bearer ${keys[i]}`,
              '--checks',
              CHECKS.join(','),
              '--phases',
              'examples,coverage,fuzzing',
              '--max-examples',
              short ? '8' : '100',
              '--max-time',
              short ? '40' : '300',
              '--workers',
              '1',
              '--request-timeout',
              '15',
              '--generation-database',
              'none',
              '--no-color',
              '--seed',
              String(11 + i),
              '--report',
              'json',
              '--report-json-path',
              report,
            ],
            // cwd: schemathesis keeps its cache (.schemathesis/) in the working directory, never in the repo.
            {
              cwd: p.dataDir,
              env: {
                ...process.env,
                SCHEMATHESIS_TELEMETRY: 'false',
                SCHEMATHESIS_HOOKS: path.join(__dirname, 'hooks.py'),
                WEIBAO_ST_BASE: p.base,
              },
            },
          );
          child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
          child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
          child.on('close', (rc) => {
            let requests: number | null = null;
            try {
              requests = countRequests(JSON.parse(readFileSync(report, 'utf8')));
            } catch {
              /* no report */
            }
            // A run that sent nothing proves nothing: it fails too.
            const ok = rc === 0 && (requests ?? 0) > 0;
            results.push({ role, rc: rc ?? -1, requests, ok });
            writeFileSync(path.join(p.dataDir, `st-${role}.log`), out.join(''));
            say(
              `${role}: ${ok ? 'no server errors, every answer as declared' : `FAILED (exit ${rc})`}${requests === null ? '' : `, ${requests} requests`}`,
            );
            if (!ok) process.stderr.write(`${out.join('').slice(-8000)}\n`);
            resolve();
          });
        }),
    );
    await Promise.all(runs);
  } finally {
    await p.stop();
  }
  // A failed run keeps its logs and reports for a look; a passed one leaves nothing behind.
  if (results.some((r) => !r.ok)) say(`kept ${p.dataDir} (logs, st-<role>.log outputs, st-<role>.json reports)`);
  else rmSync(p.dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ mode: short ? 'short' : 'full', results }, null, 2)}\n`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

/** Test cases (requests) in schemathesis' JSON run report: test_cases.generated. */
function countRequests(report: unknown): number | null {
  const n = (report as { test_cases?: { generated?: unknown } })?.test_cases?.generated;
  return typeof n === 'number' ? n : null;
}

main().catch((err) => {
  say(`error: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
