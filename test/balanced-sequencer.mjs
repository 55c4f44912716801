// Shards by measured duration instead of jest's path hash (CI time). `npm test` runs the unit,
// integration and e2e files in two lanes side by side; with the hash one lane got 404 s of files
// and the other 310 s, so the run waited 94 s on the longer. Each file weighs its duration in
// test/durations.json (seconds, from a whole run: `WEIBAO_WRITE_DURATIONS=1 npm test` rewrites
// it); a file not listed weighs what a typical file of its project does. Longest first, each to
// the lightest lane: deterministic for a given table, so every lane computes the same split.
// Plain ESM because jest loads a sequencer without its transform.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sequencer from '@jest/test-sequencer';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const table = JSON.parse(fs.readFileSync(path.join(here, 'durations.json'), 'utf8'));
const typical = { unit: 1, workflow: 6, integration: 4, e2e: 20 };

export function weight(testPath) {
  const rel = path.relative(root, testPath).split(path.sep).join('/');
  return table[rel] ?? typical[rel.split('/')[1]] ?? 4;
}

export default class BalancedSequencer extends (Sequencer.default ?? Sequencer) {
  shard(tests, { shardIndex, shardCount }) {
    const lanes = Array.from({ length: shardCount }, () => ({ load: 0, tests: [] }));
    const ordered = [...tests].sort((a, b) => weight(b.path) - weight(a.path) || a.path.localeCompare(b.path));
    for (const test of ordered) {
      const lightest = lanes.reduce((min, lane) => (lane.load < min.load ? lane : min));
      lightest.load += weight(test.path);
      lightest.tests.push(test);
    }
    return lanes[shardIndex - 1].tests;
  }
}
