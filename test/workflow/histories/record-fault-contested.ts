// Records the history of a level-1 fault whose back-dated response is contested and decided
// for the hospital (issue 10: a stated earlier time is the stating party's claim, decided like a
// disputed ledger entry), then worked to its end: the contest path's commands (superseded breach,
// withdrawal, the breach judged again on the recorded time) must keep replaying. Run after a
// deliberate change of the workflow only, into a NEW file beside the older ones:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-contested.ts fault-<what>.json
import path from 'node:path';
import { saveFinished } from '../../helpers/replay';
import { HOUR, MIN, startHarness } from '../fault-harness';

async function main() {
  const name = process.argv[2];
  if (!name?.startsWith('fault-') || !name.endsWith('.json')) throw new Error('usage: record-fault-contested.ts fault-<name>.json');
  const h = await startHarness('record-contest');
  try {
    const c = await h.report(1, {});
    await h.env.sleep(20 * MIN); // the response breach is recorded at 15 min
    const now = await h.env.currentTimeMs();
    await c.act('respond', { engineer: 'Wang', how: 'phone', occurredAtMs: now - 10 * MIN }); // "called back at 10 min"
    const seq = ((await c.state()).timeline.find((f) => f.type === 'case.responded') as { seq: number }).seq;
    await c.act('contestTime', { factSeq: seq, reason: 'no call before 09:20' }, 'hospital-operator');
    await c.act('decideContest', { factSeq: seq, decision: 'contested', reason: 'no record of the call' });
    await h.env.sleep(1 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc://fa-1', checksum: 'sha256:abc123' });
    await c.act('onsiteArrived', { engineer: 'Wang' });
    await c.act('resolve', { summary: 'restarted the cluster' });
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
