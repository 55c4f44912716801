// Writes each test file's duration (seconds) from a whole run's jest JSON outputs into
// test/durations.json, which test/balanced-sequencer.mjs reads to balance the shard lanes.
// Called by scripts/test.sh when WEIBAO_WRITE_DURATIONS is set: tsx scripts/test-durations.ts DIR OUT
import fs from 'node:fs';
import path from 'node:path';

const [dir, out] = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
const durations: Record<string, number> = {};
for (const name of fs.readdirSync(dir).filter((n) => /^jest-.*\.json$/.test(n))) {
  const run = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as {
    testResults: Array<{ name: string; startTime: number; endTime: number }>;
  };
  for (const file of run.testResults) {
    const rel = path.relative(root, file.name).split(path.sep).join('/');
    durations[rel] = Math.max(1, Math.round((file.endTime - file.startTime) / 1000));
  }
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
fs.writeFileSync(out, `${JSON.stringify(sorted, null, 1)}\n`);
console.log(`[weibao] test durations of ${Object.keys(sorted).length} files written to ${out}`);
