import type { PoolClient } from 'pg';
import { inTransaction } from '../../src/db/pool';
import { writeRecord } from '../../src/activities/records';
import type { RecordBatch } from '../../src/workflows/kernel/record';
import type { Fact } from '../../src/workflows/kernel/facts';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

// A breach's record write proposes its penalty under the contract's row lock (clause 6: every
// change to one contract's ledger is serialised by it) and the ledger chain's head row; both are
// held until COMMIT, so every statement sent while they are held is waited for by every other
// writer of the contract's ledger (issue 10's bench: 500 breaches of one contract due together
// queued on them, and a busy worker takes tens of ms per round trip). Here another connection
// tries the lock before each statement of the write is sent.
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  contractId = (await createContract(stack)).id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

/** Whether another transaction finds the contract's row locked (NOWAIT: 55P03 lock_not_available). */
async function contractLocked(): Promise<boolean> {
  const other = await stack.db.pool.connect();
  try {
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM contracts WHERE id = $1 FOR NO KEY UPDATE NOWAIT', [contractId]);
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') return true;
    throw e;
  } finally {
    await other.query('ROLLBACK');
    other.release();
  }
}

/** The transaction's client, checking the lock before each statement it sends. */
function probing(tx: PoolClient, seen: { sql: string; locked: boolean }[]): PoolClient {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return async (q: string | { text: string }, values?: unknown[]) => {
        seen.push({ sql: typeof q === 'string' ? q : q.text, locked: await contractLocked() });
        return target.query(q as never, values as never);
      };
    },
  });
}

const now = Date.now();
const breach: Fact = {
  seq: 1,
  type: 'deadline.breached',
  occurredAt: now,
  recordedAt: now,
  recordedBy: { name: 'system', role: 'system' },
  detail: { deadline: 'response' },
} as Fact;

describe('ledger lock held by a record write', () => {
  it('when a breach record proposes a penalty, then the contract is locked by its last statement only, and until COMMIT', async () => {
    const caseId = `lock-hold-${now}`;
    const b: RecordBatch = {
      caseId,
      kind: 'probe',
      contractId,
      fence: 1,
      fenceAtMs: now,
      lastSeq: 1,
      facts: [breach],
      notices: [],
      proposals: [
        {
          key: `${caseId}:response-breach`,
          clause: '6.2.1',
          termsVersion: 1,
          fact: 'response deadline passed (4.9.4)',
          amountFen: '100000',
          basis: 'level 1 response late',
          occurredAt: new Date(now).toISOString(),
        },
      ],
      withdrawals: [],
      penaltyKeys: [`${caseId}:response-breach`],
      snapshot: {},
    };
    const seen: { sql: string; locked: boolean }[] = [];
    let lockedBeforeCommit = false;
    const { result } = await inTransaction(stack.db.pool, async (tx) => {
      const r = await writeRecord(probing(tx, seen), b);
      lockedBeforeCommit = await contractLocked();
      return r;
    });
    expect(result.applied).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    // No statement of the write was sent while the lock was held: it is taken by the last one.
    expect(seen.filter((s) => s.locked).map((s) => s.sql.slice(0, 60))).toEqual([]);
    expect(lockedBeforeCommit).toBe(true);
    expect(await contractLocked()).toBe(false);
    const { rows } = await stack.db.pool.query(
      `SELECT s.status FROM ledger_entries e JOIN ledger_entry_status s ON s.entry_id = e.id WHERE e.key = $1`,
      [`${caseId}:response-breach`],
    );
    expect(rows).toEqual([{ status: 'proposed' }]);
  });
});
