// Records the history of a full level-1 fault lifecycle for the replay test. Run after a
// deliberate, patched() change of the workflow only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-fault-level1.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { HOUR, MIN, startHarness } from '../fault-harness';

async function main() {
  const h = await startHarness('record');
  try {
    const c = await h.report(1);
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
    await c.handle.result();
    const history = await c.handle.fetchHistory();
    const file = path.join(__dirname, 'fault-level1.json');
    // historyToJSON fails here (two protobufjs copies in node_modules), so the proto is stored
    // base64-encoded, beside the event types for reading.
    const events = (history.events ?? []).map((e) => temporal.api.enums.v1.EventType[e.eventType ?? 0]);
    const proto = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
    writeFileSync(file, `${JSON.stringify({ workflowId: c.id, format: 'temporal.api.history.v1.History/base64', events, proto }, null, 1)}\n`);
    process.stdout.write(`recorded ${history.events?.length} events into ${file}\n`);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
