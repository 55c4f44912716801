// The workflow bundle, built once per test run instead of once per test file (CI time: a
// webpack build of src/workflows costs 2.5-3.5 s of CPU, and about 80 files of a run bundle the
// same code). scripts/test.sh sets WEIBAO_TEST_BUNDLE_DIR to the run's temporary directory; the
// entry's name is a hash of every source file and of the lockfile, so an edited file is a new
// entry and a stale bundle is never used. Without the variable (jest run by hand) each file
// builds its own, as before. The first lane to need an entry builds it under an exclusive lock
// file; the others wait for it rather than build the same bytes at the same time.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** The hash of what a bundle is built from: the sources under src/ and the installed dependencies' lockfile. */
export function sourceHash(kind: string): string {
  const h = createHash('sha256').update(kind);
  for (const file of [...sourceFiles(path.join(root, 'src')), path.join(root, 'package-lock.json')])
    h.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return h.digest('hex').slice(0, 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** build() once per run and source version for a kind of bundle; read from the run's directory after. */
export async function cachedBundle(
  kind: string,
  build: () => Promise<WorkflowBundleWithSourceMap>,
): Promise<WorkflowBundleWithSourceMap> {
  const dir = process.env.WEIBAO_TEST_BUNDLE_DIR;
  if (!dir) return build();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${kind}-${sourceHash(kind)}.json`);
  const read = () => JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowBundleWithSourceMap;
  if (fs.existsSync(file)) return read();
  let lock: number | undefined;
  try {
    lock = fs.openSync(`${file}.lock`, 'wx');
  } catch {
    // Another lane is building it: wait (a build takes seconds; 120 s covers a loaded machine).
    for (let i = 0; i < 1200 && !fs.existsSync(file); i++) await sleep(100);
    if (fs.existsSync(file)) return read();
    return build();
  }
  try {
    const bundle = await build();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ code: bundle.code, sourceMap: bundle.sourceMap }));
    fs.renameSync(tmp, file); // whole or absent: a reader never sees half a bundle
    return bundle;
  } finally {
    fs.closeSync(lock);
  }
}
