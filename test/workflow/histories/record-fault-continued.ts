// Records the second run of a level-2 case started the legacy way (no intake in its input) that
// continued as new: its start event carries the search attributes copied from the first run, and
// its first task still upserts them (lastSa starts empty without input.intake). Replaying it
// guards that gate: a change that skipped that upsert for such runs fails the replay test.
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-continued.ts
import path from 'node:path';
import { saveHistory } from '../../helpers/replay';
import { HOUR, MIN, startHarness } from '../fault-harness';

async function main() {
  const h = await startHarness('continued');
  try {
    const c = await h.report(2, { maxHistoryEvents: 30 }, { legacy: true });
    await h.env.sleep(10 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('investigate', {});
    await c.act('submitAnalysis', { reference: 'doc://fa-9', checksum: 'sha256:09' });
    await h.env.sleep(13 * HOUR);
    await c.act('resolve', { summary: 'fixed' });
    await c.act('confirmFix', {});
    const done = await c.handle.result();
    if (done.continuedAsNew < 1) throw new Error('the case did not continue as new');
    const history = await h.env.client.workflow.getHandle(c.id).fetchHistory(); // the latest run
    const file = path.join(__dirname, 'fault-legacy-continued.json');
    saveHistory(file, c.id, history);
    process.stdout.write(`recorded ${history.events?.length} events into ${file}\n`);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
