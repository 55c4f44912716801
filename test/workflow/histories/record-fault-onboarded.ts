// Records the history of a fault entered at onboarding with its past facts (issue 10 item 4): a
// level-2 fault reported 30 hours before the registration, answered in time, its analysis
// document submitted late, rejected, resubmitted and accepted, then resolved; the case lives that
// past in its first task (past.ts) and the hospital confirms the fix live. Run after a deliberate
// change of the workflow only, into a NEW file beside the older ones:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-onboarded.ts fault-<what>.json
import path from 'node:path';
import { saveFinished } from '../../helpers/replay';
import { HOUR, MIN, startHarness } from '../fault-harness';

async function main() {
  const name = process.argv[2];
  if (!name?.startsWith('fault-') || !name.endsWith('.json')) throw new Error('usage: record-fault-onboarded.ts fault-<name>.json');
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
        facts: [
          { action: 'respond', atMs: t0 + 20 * MIN, args: { engineer: 'Zhou', how: 'phone' } },
          { action: 'submitAnalysis', atMs: t0 + 25 * HOUR, args: { reference: 'archive/A-17', checksum: 'sha256:' + 'c'.repeat(64) } },
          { action: 'reviewAnalysis', atMs: t0 + 25 * HOUR + 10 * MIN, args: { decision: 'reject', reason: 'no root cause' } },
          { action: 'submitAnalysis', atMs: t0 + 25 * HOUR + 20 * MIN, args: { reference: 'archive/A-18', checksum: 'sha256:' + 'd'.repeat(64) } },
          { action: 'reviewAnalysis', atMs: t0 + 25 * HOUR + 30 * MIN, args: { decision: 'accept' } },
          { action: 'resolve', atMs: t0 + 26 * HOUR, args: { summary: 'patched' } },
        ],
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
