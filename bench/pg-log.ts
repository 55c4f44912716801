// Reading PostgreSQL's own statement and lock-wait log for the profiles (bench/breach-profile.ts):
// counts that the machine's load does not change (statements per transaction, lock waits and what
// they waited on), beside wall times. The server logs with log_line_prefix '@%a@%p@%m@ ' (app
// name, backend pid, time in ms), every statement's duration (log_min_duration_statement = 0) and
// every lock wait longer than deadlock_timeout (log_lock_waits).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';

export const LOG_PREFIX = '@%a@%p@%m@ ';

/** Turns the statement and lock-wait log on; returns a function that turns it off and returns the log written meanwhile. */
export async function capturePgLog(su: Pool, deadlockTimeoutMs = 1): Promise<() => Promise<string>> {
  const dataDir = (await su.query("SELECT current_setting('data_directory') AS d")).rows[0].d as string;
  const file = path.join(dataDir, 'server.log');
  const settings = {
    log_min_duration_statement: '0',
    log_line_prefix: LOG_PREFIX,
    log_lock_waits: 'on',
    // A wait is logged once it lasted deadlock_timeout; 1 ms: (almost) every wait is seen.
    deadlock_timeout: `${deadlockTimeoutMs}ms`,
  };
  for (const [k, v] of Object.entries(settings)) await su.query(`ALTER SYSTEM SET ${k} = '${v}'`);
  await su.query('SELECT pg_reload_conf()');
  await new Promise((r) => setTimeout(r, 500));
  const from = statSync(file).size;
  return async () => {
    for (const k of Object.keys(settings)) await su.query(`ALTER SYSTEM RESET ${k}`);
    await su.query('SELECT pg_reload_conf()');
    return readFileSync(file, 'utf8').slice(from);
  };
}

export interface Statement {
  app: string;
  pid: string;
  /** When the statement ended (the log line's time), ms since the epoch. */
  endMs: number;
  ms: number;
  sql: string;
  params: string;
}
export interface LockWait {
  pid: string;
  /** When it was acquired. */
  endMs: number;
  mode: string;
  what: string;
  ms: number;
  context?: string;
}
export interface Tx {
  pid: string;
  startMs: number;
  commitMs: number;
  statements: Statement[];
  /** Statement time inside the server (sum of durations) vs the transaction's wall time: the rest is round trips and the client. */
  serverMs: number;
}

const HEAD = /^@([^@]*)@(\d+)@(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+)@ (\w+): {2}/;

/** Statements (extended protocol: execute lines; simple: statement lines) and lock acquisitions of the log. */
export function parsePgLog(text: string): { statements: Statement[]; waits: LockWait[] } {
  const statements: Statement[] = [];
  const waits: LockWait[] = [];
  // An entry is a line with the prefix followed by tab-indented continuation lines.
  const entries = text.split(/\n(?=@)/);
  let last: Statement | undefined;
  let lastWasExecute = false;
  for (const entry of entries) {
    const h = HEAD.exec(entry);
    if (!h) continue;
    const [, app, pid, time, level] = h;
    const body = entry.slice(h[0].length).replace(/\n\t/g, ' ');
    const endMs = Date.parse(time!.replace(' ', 'T').replace(/ (\w+)$/, 'Z'));
    // The parameters of the execute line just before (a bind line's are logged too, before its execute).
    if (level === 'DETAIL' && last && last.pid === pid && lastWasExecute && /^parameters:/i.test(body)) {
      last.params = body;
      continue;
    }
    // "while locking tuple (0,1) in relation \"contracts\"", "PL/pgSQL function record_chain_link() ...": the row waited for.
    const wait = waits[waits.length - 1];
    if (level === 'CONTEXT' && wait?.pid === pid && !wait.context) {
      wait.context = (/in relation "(\w+)"/.exec(body)?.[1] ?? /function (\w+)\(/.exec(body)?.[1] ?? body).slice(0, 80);
      continue;
    }
    if (level !== 'LOG') continue;
    lastWasExecute = false;
    const d = /^duration: ([\d.]+) ms {2}(execute|statement|parse|bind)[^:]*: (.*)$/s.exec(body);
    if (d) {
      if (d[2] === 'execute' || d[2] === 'statement') {
        last = { app: app!, pid: pid!, endMs, ms: Number(d[1]), sql: d[3]!, params: '' };
        statements.push(last);
        lastWasExecute = true;
      } else if (last?.pid === pid) last.ms += Number(d[1]); // parse and bind of the next execute: counted with it below
      continue;
    }
    const w = /^process \d+ acquired (\w+) on (.+?) after ([\d.]+) ms/.exec(body);
    if (w) waits.push({ pid: pid!, endMs, mode: w[1]!, what: w[2]!, ms: Number(w[3]) });
  }
  return { statements, waits };
}

/** The statements of one backend grouped into transactions (BEGIN ... COMMIT/ROLLBACK); outside-transaction statements are left out. */
export function transactions(statements: Statement[]): Tx[] {
  const open = new Map<string, Statement[]>();
  const out: Tx[] = [];
  for (const s of statements) {
    const sql = s.sql.trimStart().toUpperCase();
    if (sql.startsWith('BEGIN')) {
      open.set(s.pid, [s]);
      continue;
    }
    const cur = open.get(s.pid);
    if (!cur) continue;
    cur.push(s);
    if (sql.startsWith('COMMIT') || sql.startsWith('ROLLBACK')) {
      open.delete(s.pid);
      out.push({
        pid: s.pid,
        startMs: cur[0]!.endMs - cur[0]!.ms,
        commitMs: s.endMs,
        statements: cur,
        serverMs: cur.reduce((a, x) => a + x.ms, 0),
      });
    }
  }
  return out;
}

/** "INSERT INTO case_facts (case_id, ..." -> "INSERT INTO case_facts": a statement's kind. */
export function kindOf(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m =
    /^(WITH \w+ AS \( ?(?:SELECT|INSERT INTO|UPDATE|DELETE FROM) \w+|INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+|SELECT .*? FROM \w+|\w+(?: \w+)?)/i.exec(
      s,
    );
  return (m?.[1] ?? s).slice(0, 90);
}

/** Lock waits by what was waited on (relation oids named), count and total ms. */
export async function waitsByObject(su: Pool, waits: LockWait[]) {
  const oids = new Set<string>();
  for (const w of waits) for (const m of w.what.matchAll(/relation (\d+)/g)) oids.add(m[1]!);
  const names = new Map<string, string>();
  if (oids.size) {
    const { rows } = await su.query('SELECT oid::text AS oid, relname FROM pg_class WHERE oid = ANY($1::oid[])', [
      [...oids],
    ]);
    for (const r of rows as { oid: string; relname: string }[]) names.set(r.oid, r.relname);
  }
  const by = new Map<string, { n: number; ms: number }>();
  for (const w of waits) {
    const what = w.what
      .replace(/relation (\d+)/g, (_m, oid: string) => `relation ${names.get(oid) ?? oid}`)
      .replace(/^transaction \d+$/, 'transaction (a row another transaction wrote)')
      .replace(/tuple \(\d+,\d+\) of /, 'a row of ')
      .replace(/ of database \d+/, '');
    const k = `${w.mode} on ${what}${w.context ? ` (${w.context})` : ''}`;
    const e = by.get(k) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += w.ms;
    by.set(k, e);
  }
  return [...by.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([lock, v]) => ({ lock, waits: v.n, totalMs: +v.ms.toFixed(1) }));
}
