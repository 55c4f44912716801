import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// docker-compose.yml cannot run here (no Docker engine); what keeps it honest is that each of its
// Temporal and database steps runs a script of deploy/ that `npm run test:cluster` runs too, on
// binaries of the version the compose file pins. These checks fail when the two drift apart.
const root = path.resolve(__dirname, '../..');
const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const serverVersion = /TEMPORAL_SERVER_VERSION="([\d.]+)"/.exec(
  readFileSync(path.join(root, 'scripts/lib.sh'), 'utf8'),
)![1]!;

/** The `KEY: value` lines of one top-level block of the compose file. */
function block(name: string): Record<string, string> {
  const lines = compose.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${name}:`));
  const out: Record<string, string> = {};
  for (const l of lines.slice(start + 1)) {
    const m = /^ {2}([A-Z_0-9]+): (.*)$/.exec(l);
    if (!m) break;
    out[m[1]!] = m[2]!;
  }
  return out;
}

describe('docker-compose.yml and the cluster test share one source', () => {
  it('when an API runs in compose, then its audit spool is on a volume of its own that outlives the container', () => {
    for (const api of ['api-1', 'api-2']) {
      const service = compose.slice(
        compose.indexOf(`  ${api}:`),
        compose.indexOf('\n\n', compose.indexOf(`  ${api}:`)),
      );
      const dir = /AUDIT_SPOOL_DIR: (\S+)/.exec(service)?.[1];
      expect([api, dir]).toEqual([api, '/var/lib/weibao/audit-spool']);
      expect(service).toContain(`- audit-spool-${api.slice(-1)}:${dir}`);
    }
    expect(compose).toMatch(/^ {2}audit-spool-1:$/m);
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toContain('chown -R node:node /var/lib/weibao');
  });

  it('when the compose file pins Temporal, then it is the server version the tool cache builds', () => {
    expect(compose).toContain(`image: temporalio/server:${serverVersion}\n`);
    expect(
      compose.match(/image: temporalio\/admin-tools:(\S+)/g)!.every((m) => m.includes(`admin-tools:${serverVersion}-`)),
    ).toBe(true);
  });

  it.each(['temporal/server.sh', 'temporal/schema.sh', 'temporal/namespace.sh', 'backup.sh', 'restore.sh'])(
    'when the compose file runs deploy/%s, then that script exists',
    (script) => {
      const inContainer = script.startsWith('temporal/') ? `/etc/weibao/${script}` : `/etc/weibao/deploy/${script}`;
      expect(compose).toContain(`entrypoint: [ "sh", "${inContainer}" ]`);
      expect(existsSync(path.join(root, 'deploy', script))).toBe(true);
    },
  );

  it('when the compose file mounts the server config, the roles script and the proxy template, then they are the files of deploy/', () => {
    for (const mount of [
      './deploy/temporal:/etc/weibao/temporal:ro',
      './deploy/postgres/init-roles.sh:/docker-entrypoint-initdb.d/',
      './deploy/nginx/weibao.conf.template:/etc/nginx/templates/',
    ]) {
      expect(compose).toContain(mount);
    }
  });

  it('when the compose file publishes ports, then only the proxy does (Temporal, its UI and PostgreSQL stay internal)', () => {
    expect(compose.match(/^ {4}ports:/gm)).toHaveLength(1);
    expect(compose.slice(compose.indexOf('\n  proxy:'), compose.indexOf('\n  restore:'))).toContain('ports:');
  });

  it("when the Web UI is configured, then it is read-only, decodes through the proxy's /codec/ with the proxy's key, and every location of its server is behind the login", () => {
    const ui = compose.slice(compose.indexOf('\n  temporal-ui:'), compose.indexOf('\n  weibao-migrate:'));
    expect(ui).toContain('TEMPORAL_DISABLE_WRITE_ACTIONS: "true"');
    expect(ui).toMatch(/TEMPORAL_CODEC_ENDPOINT: https:\/\/\$\{WEIBAO_HOST[^}]*\}:8443\/codec\n/);
    const template = readFileSync(path.join(root, 'deploy/nginx/weibao.conf.template'), 'utf8');
    const uiServer = template.slice(template.indexOf('listen ${PROXY_UI_PORT}'));
    expect(uiServer.indexOf('auth_basic_user_file')).toBeLessThan(uiServer.indexOf('location')); // server-wide, before any location
    expect(uiServer).toMatch(
      /location \/codec\/ \{\n\s+proxy_pass http:\/\/weibao_api;[^}]*proxy_set_header Authorization "Bearer \$\{PROXY_CODEC_KEY\}";/,
    );
    expect(compose).toContain('PROXY_CODEC_KEY: ${WEIBAO_UI_CODEC_KEY:-}');
    expect(compose.slice(compose.indexOf('x-app-env:'), compose.indexOf('x-temporal-db:'))).toMatch(
      /TEMPORAL_PAYLOAD_KEYS: \$\{TEMPORAL_PAYLOAD_KEYS:\?[^}]*\}\n[\s\S]*TEMPORAL_ACTOR_KEYS: \$\{TEMPORAL_ACTOR_KEYS:\?/,
    );
  });

  it('when the workers and APIs get their environment, then every variable is one src/config.ts reads (.env.example lists them)', () => {
    const known = new Set(
      [...readFileSync(path.join(root, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z_0-9]+)=/gm)].map((m) => m[1]),
    );
    expect(Object.keys(block('x-app-env')).filter((k) => !known.has(k))).toEqual([]);
  });

  it('when the server config template reads a variable, then the compose file sets it or the template has a default', () => {
    const template = readFileSync(path.join(root, 'deploy/temporal/config/weibao.yaml'), 'utf8');
    const required = [...template.matchAll(/list ((?:"[A-Z_]+" ?)+)/g)].flatMap((m) => m[1]!.match(/[A-Z_]+/g)!);
    const set = { ...block('x-temporal-db'), NUM_HISTORY_SHARDS: '', TEMPORAL_DYNAMIC_CONFIG: 'server.sh' };
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((k) => !(k in set))).toEqual([]);
    expect(compose).toMatch(/NUM_HISTORY_SHARDS: \d+/);
  });
});
