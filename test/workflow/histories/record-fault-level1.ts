// Records the history of a full level-1 fault lifecycle, started as the API starts cases, for
// the replay test. Run after a deliberate change of the workflow only, into a NEW file beside the
// older ones (every recorded history must keep replaying):
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-level1.ts fault-level1-<what>.json [--legacy]
// --legacy starts the case as cases were started before the intake passed the terms.
import path from 'node:path';
import { saveFinished } from '../../helpers/replay';
import { HOUR, MIN, startHarness } from '../fault-harness';

async function main() {
  const name = process.argv[2];
  if (!name?.startsWith('fault-') || !name.endsWith('.json')) throw new Error('usage: record-fault-level1.ts fault-<name>.json');
  const h = await startHarness('record');
  try {
    const c = await h.report(1, {}, { legacy: process.argv.includes('--legacy') });
    await h.env.sleep(5 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('investigate', {});
    await h.env.sleep(1 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc://fa-1', checksum: 'sha256:abc123' });
    await h.env.sleep(9 * HOUR); // the on-site warnings at 6 h and 9.6 h... the first fires
    await c.act('onsiteArrived', { engineer: 'Wang' });
    await c.act('replacementProvided', { description: 'spare server' });
    await c.act('resolve', { summary: 'restarted the cluster' });
    await c.act('confirmFix', {});
    await saveFinished(path.join(__dirname, name), c.handle);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
