// Issue 15: the README is checked against the code it describes, so a renamed script, a port
// variable nobody reads or a route that moved fails a test rather than a reader. (The commands
// themselves are run against a live `npm start` in test/integration/npm-start.test.ts.)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import '../../src/api/routes'; // registers the declared routes (src/api/route.ts)
import { endpointDuties } from '../../src/security/endpoint-duties';

const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

it('when the README says npm run X, then package.json has the script X', () => {
  const named = [...readme.matchAll(/npm run (?:-s |--silent )?([a-z][\w:-]*)/g)].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(3);
  expect(named.filter((n) => !(n in pkg.scripts))).toEqual([]);
});

it('when the README names a WEIBAO_ variable, then a script, the code or the deployment reads it', () => {
  const sources = ['scripts', 'src', 'deploy', 'test/helpers']
    .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.(ts|sh|yml|yaml|conf|env|example)$/.test(e.name))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .concat(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'))
    .join('\n');
  const vars = [...new Set([...readme.matchAll(/\bWEIBAO_[A-Z_]+\b/g)].map((m) => m[0]))];
  expect(vars).toEqual(
    expect.arrayContaining(['WEIBAO_DATA', 'WEIBAO_PG_PORT', 'WEIBAO_TEMPORAL_PORT', 'WEIBAO_UI_PORT']),
  );
  expect(vars.filter((v) => !sources.includes(v))).toEqual([]);
});

it('when the README calls a route with curl, then the API declares that route', () => {
  const declared = Object.keys(endpointDuties()).map((e) => {
    const [method, p] = e.split(' ');
    return { method, re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) };
  });
  // Continued lines joined; the README shortens the base URL to "..." after its first use.
  const calls = [...readme.replace(/\\\n\s*/g, ' ').matchAll(/curl ([^\n]*)/g)].map((m) => {
    const cmd = m[1];
    const url = /(?:http:\/\/127\.0\.0\.1:3000|\.\.\. )(\/[^\s'"]*)/.exec(cmd)?.[1];
    const method = /-X (\w+)/.exec(cmd)?.[1] ?? (/ -d /.test(cmd) ? 'POST' : 'GET');
    return url && { method, path: url.split('?')[0] };
  });
  const routed = calls.filter((c): c is { method: string; path: string } => !!c);
  expect(routed.length).toBeGreaterThan(3);
  expect(routed.filter((c) => !declared.some((d) => d.method === c.method && d.re.test(c.path)))).toEqual([]);
});
