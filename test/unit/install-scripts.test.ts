// Issue 15 (README defects): npm warned on every install that the install scripts of @swc/core,
// esbuild and protobufjs were not covered by `allowScripts`. Every package of the lockfile that
// has an install script is decided in package.json's allowScripts (README, Quick start), so a
// dependency that brings a new one fails here instead of bringing the warning back.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8'));

it('when a locked package has an install script, then package.json allowScripts decides it', () => {
  const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = new Set(
    Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([at]) => at.split('node_modules/').pop()!),
  );
  const decided = Object.keys((read('package.json') as { allowScripts?: object }).allowScripts ?? {});
  expect([...withScripts].filter((n) => !decided.includes(n)).sort()).toEqual([]);
  expect(withScripts.size).toBeGreaterThan(0);
});
