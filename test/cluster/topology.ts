import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, run, start, stop, waitLog, waitPort, type Proc } from './processes';

// The production topology of docker-compose.yml, run here without Docker: PostgreSQL, the schema
// job, temporal-server, the namespace job, the migration job, two workers, two APIs and the TLS
// proxy. Every step runs the very script or template the compose file runs (deploy/), with
// binaries built from the same Go module as the images (scripts/toolchain.sh cluster).

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const BIN = path.join(process.env.WEIBAO_TOOLS ?? path.join(os.homedir(), '.cache/weibao'), 'bin');
const PG_SUPERUSER = 'postgres';
const PASSWORDS = {
  postgres: 'postgres-test-secret',
  temporal: 'temporal-test-secret',
  owner: 'owner-test-secret',
  app: 'app-test-secret',
};
const PG_BIN = `/usr/lib/postgresql/${readdirSync('/usr/lib/postgresql')
  .sort((a, b) => Number(a) - Number(b))
  .at(-1)}/bin`;
/** PostgreSQL refuses to run as root: as root its commands run as the postgres user, like the image's. */
const asPg = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
/** TEMPORAL_RETENTION_DAYS as deploy/env/weibao.env.example sets it (the namespace job and the worker read it). */
export const RETENTION_DAYS = 30;
export const API_KEY_CACHE_SECONDS = 3;
/** The key ring the compose file requires in production (.env's TEMPORAL_PAYLOAD_KEYS): payloads are encrypted (issue 12). */
export const PAYLOAD_KEYS = `cluster:${Buffer.alloc(32, 7).toString('base64')}`;
/** TEMPORAL_ACTOR_KEYS, also required in production: the worker runs only what the API signed. */
const ACTOR_KEYS = `cluster:${Buffer.alloc(32, 9).toString('base64')}`;

type Ports = Record<
  | 'pg'
  | 'grpc'
  | 'http'
  | 'history'
  | 'matching'
  | 'worker'
  | 'mFrontend'
  | 'mHistory'
  | 'mMatching'
  | 'mWorker'
  | 'api1'
  | 'api2'
  | 'https'
  | 'plain'
  | 'ui'
  | 'uiUpstream',
  number
>;

export class Cluster {
  server?: Proc;
  readonly workers: (Proc | undefined)[] = [undefined, undefined];
  readonly apis: (Proc | undefined)[] = [undefined, undefined];
  proxy?: Proc;
  /** Seconds each step took, for the report. */
  readonly timings: Record<string, number> = {};

  private constructor(
    readonly dir: string,
    readonly ports: Ports,
  ) {}

  /** A fresh PostgreSQL server with weibao's roles (deploy/postgres/init-roles.sh). */
  static async create(dir: string): Promise<Cluster> {
    mkdirSync(dir, { recursive: true });
    const names = [
      'pg',
      'grpc',
      'http',
      'history',
      'matching',
      'worker',
      'mFrontend',
      'mHistory',
      'mMatching',
      'mWorker',
      'api1',
      'api2',
      'https',
      'plain',
      'ui',
      'uiUpstream',
    ] as const;
    const ports = {} as Ports;
    // Every port below 32768, outside the range the OS hands out (ip_local_port_range 32768-60999):
    // in CI the chaos and schemathesis platforms start beside this one on ports the OS hands out,
    // and one of them took the proxy's port in the 26 s between the pick and nginx's start (every
    // test then failed with ECONNRESET, TLS spoken to a plain HTTP server). Temporal also stores
    // membership ports as PostgreSQL smallint, which holds nothing above 32767.
    for (const n of names) ports[n] = await freePort(32_768);
    const c = new Cluster(dir, ports);
    await c.step('postgres', () => c.startPostgres());
    // What the postgres image runs on its first start (docker-entrypoint-initdb.d).
    await c.initRoles();
    return c;
  }

  /** A PostgreSQL server as the compose host's: password (SCRAM) authentication for everyone. */
  private async startPostgres(): Promise<void> {
    const data = path.join(this.dir, 'pg');
    mkdirSync(data, { recursive: true, mode: 0o700 });
    const pwfile = path.join(this.dir, 'pg.pw');
    writeFileSync(pwfile, PASSWORDS.postgres, { mode: 0o600 });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(data, uid, gid);
      chownSync(pwfile, uid, gid);
    }
    await run(
      'initdb',
      ...asPg(`${PG_BIN}/initdb`, [
        '-D',
        data,
        '-U',
        PG_SUPERUSER,
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]),
      {},
      this.logOf('pg'),
    );
    await run(
      'pg_ctl',
      ...asPg(`${PG_BIN}/pg_ctl`, [
        '-D',
        data,
        '-w',
        '-t',
        '60',
        '-l',
        path.join(data, 'server.log'),
        '-o',
        `-p ${this.ports.pg} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200`,
        'start',
      ]),
      {},
      this.logOf('pg'),
    );
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.ports.grpc}`;
  }
  get apiUrls(): string[] {
    return [this.ports.api1, this.ports.api2].map((p) => `http://127.0.0.1:${p}`);
  }
  get proxyUrl(): string {
    return `https://127.0.0.1:${this.ports.https}`;
  }
  /** The workers' and APIs' role (rows only); the migration job connects as weibao_owner. */
  get databaseUrl(): string {
    return `postgres://weibao_app:${PASSWORDS.app}@127.0.0.1:${this.ports.pg}/weibao`;
  }
  logOf(name: string): string {
    return path.join(this.dir, `${name}.log`);
  }

  private async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      this.timings[name] = (this.timings[name] ?? 0) + (Date.now() - t0) / 1000;
    }
  }

  private pgEnv(): Record<string, string> {
    return {
      PGHOST: '127.0.0.1',
      PGPORT: String(this.ports.pg),
      PGUSER: PG_SUPERUSER,
      PGPASSWORD: PASSWORDS.postgres,
      POSTGRES_USER: PG_SUPERUSER,
    };
  }

  initRoles(): Promise<void> {
    return this.step('roles', () =>
      run(
        'roles',
        'sh',
        [path.join(DEPLOY, 'postgres/init-roles.sh')],
        {
          ...this.pgEnv(),
          TEMPORAL_DB_PASSWORD: PASSWORDS.temporal,
          WEIBAO_OWNER_DB_PASSWORD: PASSWORDS.owner,
          WEIBAO_APP_DB_PASSWORD: PASSWORDS.app,
        },
        this.logOf('jobs'),
      ),
    );
  }

  private temporalEnv(): Record<string, string> {
    const p = this.ports;
    return {
      TEMPORAL_DB_HOST: '127.0.0.1',
      TEMPORAL_DB_PORT: String(p.pg),
      TEMPORAL_DB_USER: 'temporal',
      TEMPORAL_DB_PASSWORD: PASSWORDS.temporal,
      // A production host sets 512 (deploy/env/temporal.env.example); 4 keep this 2-core machine's idle load low.
      NUM_HISTORY_SHARDS: '4',
      BIND_ON_IP: '127.0.0.1',
      TEMPORAL_LOG_LEVEL: 'warn',
      FRONTEND_GRPC_PORT: String(p.grpc),
      FRONTEND_HTTP_PORT: String(p.http),
      HISTORY_GRPC_PORT: String(p.history),
      MATCHING_GRPC_PORT: String(p.matching),
      WORKER_GRPC_PORT: String(p.worker),
      FRONTEND_MEMBERSHIP_PORT: String(p.mFrontend),
      HISTORY_MEMBERSHIP_PORT: String(p.mHistory),
      MATCHING_MEMBERSHIP_PORT: String(p.mMatching),
      WORKER_MEMBERSHIP_PORT: String(p.mWorker),
      SQL_TOOL: path.join(BIN, 'temporal-sql-tool'),
      TEMPORAL_SERVER: path.join(BIN, 'temporal-server'),
    };
  }

  /** The compose file's temporal-schema job. */
  setupSchema(): Promise<void> {
    return this.step('schema', () =>
      run('schema', 'sh', [path.join(DEPLOY, 'temporal/schema.sh')], this.temporalEnv(), this.logOf('jobs')),
    );
  }

  async startServer(): Promise<void> {
    await this.step('server', async () => {
      this.server = start(
        'temporal-server',
        'sh',
        [path.join(DEPLOY, 'temporal/server.sh')],
        this.temporalEnv(),
        this.logOf('temporal'),
      );
      await waitPort(this.ports.grpc, this.server);
      await this.waitHealthy();
    });
  }

  /** `temporal-server render-config` of deploy/temporal/config with env (nothing started). */
  renderServerConfig(env: Record<string, string>): string {
    return execFileSync(
      path.join(BIN, 'temporal-server'),
      ['--root', '/', '--config', path.join(DEPLOY, 'temporal/config'), '--env', 'weibao', 'render-config'],
      { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
  }

  /** Until the frontend answers its health check (it opens its port before its services are up). */
  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        execFileSync(path.join(BIN, 'temporal'), ['operator', 'cluster', 'health', '--address', this.temporalAddress], {
          stdio: 'ignore',
          timeout: 10_000,
        });
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`Temporal at ${this.temporalAddress} not healthy: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stopServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.server) await stop(this.server, signal);
    this.server = undefined;
  }

  /** The compose file's temporal-namespace job. */
  registerNamespace(): Promise<void> {
    return this.step('namespace', () =>
      run(
        'namespace',
        'sh',
        [path.join(DEPLOY, 'temporal/namespace.sh')],
        {
          TEMPORAL_ADDRESS: this.temporalAddress,
          TEMPORAL_NAMESPACE: 'default',
          TEMPORAL_RETENTION_DAYS: String(RETENTION_DAYS),
          SEARCH_ATTRIBUTES: path.join(ROOT, 'src/temporal/search-attributes.json'),
          TEMPORAL_CLI: path.join(BIN, 'temporal'),
        },
        this.logOf('jobs'),
      ),
    );
  }

  private appEnv(): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'weibao',
      TEMPORAL_RETENTION_DAYS: String(RETENTION_DAYS),
      LOG_LEVEL: 'info',
      API_KEY_CACHE_SECONDS: String(API_KEY_CACHE_SECONDS),
      HOST: '127.0.0.1',
      TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS,
      TEMPORAL_ACTOR_KEYS: ACTOR_KEYS,
    };
  }

  /** The compose file's weibao-migrate job. */
  migrate(): Promise<void> {
    const DATABASE_URL = `postgres://weibao_owner:${PASSWORDS.owner}@127.0.0.1:${this.ports.pg}/weibao`;
    return this.step('migrate', () =>
      run(
        'migrate',
        'node',
        ['--import', 'tsx', path.join(ROOT, 'src/db/migrate-cli.ts')],
        { ...this.appEnv(), DATABASE_URL },
        this.logOf('jobs'),
      ),
    );
  }

  async startWorker(i: 0 | 1): Promise<void> {
    await this.step(`worker-${i + 1}`, async () => {
      const p = start(
        `worker-${i + 1}`,
        'node',
        ['--import', 'tsx', path.join(ROOT, 'src/worker.ts')],
        this.appEnv(),
        this.logOf(`worker-${i + 1}`),
        ROOT,
      );
      this.workers[i] = p;
      await waitLog(p, /"msg":"worker started"/, 180_000);
    });
  }

  async startApi(i: 0 | 1): Promise<void> {
    await this.step(`api-${i + 1}`, async () => {
      const port = i === 0 ? this.ports.api1 : this.ports.api2;
      const p = start(
        `api-${i + 1}`,
        'node',
        ['--import', 'tsx', path.join(ROOT, 'src/api/server.ts')],
        { ...this.appEnv(), PORT: String(port) },
        this.logOf(`api-${i + 1}`),
        ROOT,
      );
      this.apis[i] = p;
      await waitPort(port, p);
    });
  }

  /** deploy/nginx/weibao.conf.template rendered with envsubst, as the nginx image does. */
  async startProxy(): Promise<void> {
    const d = path.join(this.dir, 'nginx');
    mkdirSync(path.join(d, 'tmp'), { recursive: true, mode: 0o777 });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        path.join(d, 'tls.key'),
        '-out',
        path.join(d, 'tls.crt'),
      ],
      { stdio: 'ignore' },
    );
    const hash = execFileSync('openssl', ['passwd', '-apr1', 'ui-secret']).toString().trim();
    writeFileSync(path.join(d, 'ui.htpasswd'), `ops:${hash}\n`);
    const vars: Record<string, string> = {
      WEIBAO_API_1: `127.0.0.1:${this.ports.api1}`,
      WEIBAO_API_2: `127.0.0.1:${this.ports.api2}`,
      TEMPORAL_UI_UPSTREAM: `127.0.0.1:${this.ports.uiUpstream}`,
      PROXY_HTTP_PORT: `127.0.0.1:${this.ports.plain}`,
      PROXY_HTTPS_PORT: `127.0.0.1:${this.ports.https}`,
      PROXY_UI_PORT: `127.0.0.1:${this.ports.ui}`,
      PROXY_TLS_CERT: path.join(d, 'tls.crt'),
      PROXY_TLS_KEY: path.join(d, 'tls.key'),
      PROXY_UI_HTPASSWD: path.join(d, 'ui.htpasswd'),
      PROXY_CODEC_KEY: '', // as compose before WEIBAO_UI_CODEC_KEY is set: the UI's /codec reaches the API, which answers 401
    };
    const rendered = execFileSync(
      'envsubst',
      [
        Object.keys(vars)
          .map((k) => `\${${k}}`)
          .join(' '),
      ],
      {
        input: execFileSync('cat', [path.join(DEPLOY, 'nginx/weibao.conf.template')]),
        env: { ...process.env, ...vars },
      },
    ).toString();
    writeFileSync(path.join(d, 'weibao.conf'), rendered);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((k) => `${k}_temp_path ${d}/tmp/${k};`)
      .join(' ');
    writeFileSync(
      path.join(d, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${d}/nginx.pid; error_log ${d}/error.log warn;
events { worker_connections 256; }
http { access_log off; ${temp} include ${d}/weibao.conf; }\n`,
    );
    this.proxy = start('nginx', 'nginx', ['-p', d, '-c', path.join(d, 'nginx.conf')], {}, this.logOf('nginx'));
    await waitPort(this.ports.https, this.proxy);
  }

  get proxyCa(): string {
    return path.join(this.dir, 'nginx/tls.crt');
  }

  /** deploy/backup.sh into dir. */
  backup(dir: string): Promise<void> {
    return this.step('backup', () =>
      run('backup', 'sh', [path.join(DEPLOY, 'backup.sh'), dir], this.pgEnv(), this.logOf('jobs')),
    );
  }

  /** deploy/restore.sh from dir, then the roles' passwords from the env files (init-roles.sh). */
  async restore(dir: string): Promise<void> {
    await this.step('restore', () =>
      run('restore', 'sh', [path.join(DEPLOY, 'restore.sh'), dir], this.pgEnv(), this.logOf('jobs')),
    );
    await this.initRoles();
  }

  /** Everything the compose file starts, in its order. */
  async up(opts: { restoreFrom?: string } = {}): Promise<void> {
    if (opts.restoreFrom) await this.restore(opts.restoreFrom);
    await this.setupSchema();
    await this.startServer();
    await this.registerNamespace();
    await this.migrate();
    await Promise.all([this.startWorker(0), this.startWorker(1)]);
    await Promise.all([this.startApi(0), this.startApi(1)]);
    await this.startProxy();
  }

  /** Stops the PostgreSQL server of a cluster directory (if it runs). */
  static async stopPostgres(dir: string): Promise<void> {
    // The restored cluster's directory exists only once the backup test has run.
    if (!existsSync(path.join(dir, 'pg'))) return;
    await run(
      'pg-stop',
      ...asPg(`${PG_BIN}/pg_ctl`, ['-D', path.join(dir, 'pg'), '-m', 'fast', '-w', 'stop']),
      {},
      path.join(dir, 'pg.log'),
    ).catch(() => undefined);
  }

  /** Stops every process of this cluster and its PostgreSQL server. */
  async down(): Promise<void> {
    for (const p of [this.proxy, ...this.apis, ...this.workers]) if (p) await stop(p);
    await this.stopServer();
    await Cluster.stopPostgres(this.dir);
  }
}
