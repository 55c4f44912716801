// Records the history of a fault entered at onboarding with its past facts (issue 10 item 4): a
// level-2 fault reported 30 hours before the registration, answered in time, its analysis
// document submitted late, rejected, resubmitted and accepted, then resolved; the case lives that
// past in its first task (past.ts) and the hospital confirms the fix live. Shape `rounds`: resolved
// three times and reopened twice, the engineer on site in the second round. Shape `contest`: the
// response's time contested and decided before the registration (s18). Run after a
// deliberate change of the workflow only, into a NEW file beside the older ones:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-onboarded.ts fault-<what>.json [analysis|rounds|contest]
import path from 'node:path';
import { saveFinished } from '../../helpers/replay';
import type { EnteredFaultFact } from '../../../src/workflows/fault/past';
import { HOUR, MIN, startHarness } from '../fault-harness';

const SHAPES: Record<string, (t0: number) => EnteredFaultFact[]> = {
  analysis: (t0) => [
    { action: 'respond', atMs: t0 + 20 * MIN, args: { engineer: 'Zhou', how: 'phone' } },
    { action: 'submitAnalysis', atMs: t0 + 25 * HOUR, args: { reference: 'archive/A-17', checksum: 'sha256:' + 'c'.repeat(64) } },
    { action: 'reviewAnalysis', atMs: t0 + 25 * HOUR + 10 * MIN, args: { decision: 'reject', reason: 'no root cause' } },
    { action: 'submitAnalysis', atMs: t0 + 25 * HOUR + 20 * MIN, args: { reference: 'archive/A-18', checksum: 'sha256:' + 'd'.repeat(64) } },
    { action: 'reviewAnalysis', atMs: t0 + 25 * HOUR + 30 * MIN, args: { decision: 'accept' } },
    { action: 'resolve', atMs: t0 + 26 * HOUR, args: { summary: 'patched' } },
  ],
  rounds: (t0) => [
    { action: 'respond', atMs: t0 + 20 * MIN, args: { engineer: 'Zhou', how: 'phone' } },
    { action: 'resolve', atMs: t0 + HOUR, args: { summary: 'service restarted' } },
    { action: 'reopen', atMs: t0 + 2 * HOUR, args: { reason: 'down again' } },
    { action: 'onsiteArrived', atMs: t0 + 3 * HOUR, args: { engineer: 'Zhou' } },
    { action: 'resolve', atMs: t0 + 4 * HOUR, args: { summary: 'disk replaced' } },
    { action: 'reopen', atMs: t0 + 5 * HOUR, args: { reason: 'slow at night' } },
    { action: 'resolve', atMs: t0 + 6 * HOUR, args: { summary: 'index rebuilt' } },
  ],
  // s18: the response's time contested by the hospital and decided (contested) before the registration.
  contest: (t0) => [
    {
      action: 'respond',
      atMs: t0 + 5 * MIN,
      args: { engineer: 'Zhou', how: 'phone' },
      contest: {
        by: 'hospital',
        proposedAtMs: t0 + 35 * MIN,
        reason: 'the call came at 09:35',
        contestedAtMs: t0 + 50 * MIN,
        decision: { outcome: 'contested', atMs: t0 + 2 * HOUR, reason: 'phone log' },
      },
    },
    { action: 'resolve', atMs: t0 + 6 * HOUR, args: { summary: 'printer service rebuilt' } },
  ],
};

async function main() {
  const [name, shape = 'analysis'] = process.argv.slice(2);
  const facts = SHAPES[shape];
  if (!name?.startsWith('fault-') || !name.endsWith('.json') || !facts)
    throw new Error('usage: record-fault-onboarded.ts fault-<name>.json [analysis|rounds|contest]');
  const h = await startHarness('record-onboarded');
  try {
    const now = await h.env.currentTimeMs();
    const t0 = now - 30 * HOUR;
    const c = await h.report(2, {
      reportedAtMs: t0,
      recordedAtMs: now,
      reportedBy: { name: 'admin-wu', role: 'admin' },
      onboarded: {
        by: 'admin-wu',
        facts: facts(t0),
      },
    });
    await h.env.sleep(4 * 24 * HOUR); // past the contest window of the entered times
    await c.act('confirmFix', {});
    await saveFinished(path.join(__dirname, name), c.handle);
  } finally {
    await h.stop();
  }
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
