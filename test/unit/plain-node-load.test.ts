import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Jest resolves modules its own way; npm start runs the API and the worker under plain Node
// (node --import tsx), which enforces packages' "exports" maps. The console's import of htm's
// preact bundle passed every jest test and killed the API at start (ERR_PACKAGE_PATH_NOT_EXPORTED).
const root = path.resolve(__dirname, '../..');
jest.setTimeout(60_000);

// The API's module graph, and the worker's (its activities; src/worker.ts itself starts one).
it.each(['src/api/app.ts', 'src/activities/index.ts'])('when %s is imported by plain Node, then it loads', (file) => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', `require(${JSON.stringify(path.join(root, file))})`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const errors = run.stderr.split('\n').filter((l) => /Error|ERR_/.test(l) && l.length < 400);
  expect({ status: run.status, errors }).toEqual({ status: 0, errors: [] });
});
