// The acceptance package's O&M record (运维记录, clause 3) is every fault case of the
// contract year as PostgreSQL holds it: cases of other years and other contracts are left out.
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import { createContract } from '../../src/services/contracts';
import { contractYearSpan } from '../../src/domain/contract-year';
import { freshDatabase, type TestDb } from '../helpers/db';
import { recordingNotifier } from '../helpers/stack';

let db: TestDb;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function contract(signedAt: string): Promise<string> {
  const id = `C-${randomUUID().slice(0, 8)}`;
  await createContract(
    db.pool,
    {
      id,
      name: 'OA',
      hospital: 'H',
      vendor: 'V',
      signedAt,
      amountFen: '300000000',
      yearlyFees: ['100000000', '100000000', '100000000'],
      termYears: 3,
      timeZone: 'Asia/Shanghai',
    },
    'test',
    null,
  );
  return id;
}

async function faultCase(contractId: string, no: number, reportedAt: string, level: number): Promise<string> {
  const caseId = `fault:${contractId}:${no}`;
  await db.pool.query(
    'INSERT INTO fault_intakes (case_id, contract_id, case_no, request_hash, created_by) VALUES ($1,$2,$3,$4,$5)',
    [caseId, contractId, no, 'h', 'test'],
  );
  await db.pool.query(
    `INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status, awaiting)
     VALUES ($1,$2,$3,$4,'down','phone',true,'nurse',$5,'closed','none')`,
    [caseId, contractId, no, level, reportedAt],
  );
  return caseId;
}

test('when the package of year 1 is assembled, then its O&M record is exactly the fault cases reported in year 1', async () => {
  const c = await contract('2025-01-02T09:00:00+08:00');
  const other = await contract('2025-01-02T09:00:00+08:00');
  const inYear = [
    await faultCase(c, 1, '2025-01-02T09:30:00+08:00', 1),
    await faultCase(c, 2, '2026-01-02T08:59:59+08:00', 3),
  ];
  await faultCase(c, 3, '2026-01-02T09:00:00+08:00', 2); // first instant of year 2
  await faultCase(other, 1, '2025-06-01T10:00:00+08:00', 4);
  const acts = createActivities({ pool: db.pool, log: createLogger('silent'), notifier: recordingNotifier() });
  const span = contractYearSpan(Date.parse('2025-01-02T09:00:00+08:00'), 1);
  const pkg = await acts.assembleAcceptancePackage({
    contractId: c,
    year: 1,
    fromMs: span.startMs,
    toMs: span.endMs!,
    atMs: Date.now(),
  });
  const { rows } = await db.pool.query(
    'SELECT case_id FROM fault_cases WHERE contract_id = $1 AND reported_at >= $2 AND reported_at < $3 ORDER BY reported_at',
    [c, new Date(span.startMs), new Date(span.endMs!)],
  );
  expect(pkg.faultCases.map((f) => f.case_id)).toEqual(rows.map((r) => r.case_id));
  expect(pkg.faultCases.map((f) => f.case_id)).toEqual(inYear);
  expect(pkg.faultCases[0]).toMatchObject({ level: 1, status: 'closed' });
});
