// The acceptance package's O&M record (运维记录, clause 3) holds the fault cases of the contract
// year as PostgreSQL holds them, as a summary: figures per level, the cases by id with their
// verdicts a page at a time, links to the next page; cases of other years and other contracts
// are left out.
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import { createContract } from '../../src/services/contracts';
import { contractYearSpan } from '../../src/domain/contract-year';
import { faultSection } from '../../src/reports/fault-summary';
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
  expect(pkg.faults.cases.map((f) => f.caseId)).toEqual(rows.map((r) => r.case_id));
  expect(pkg.faults.cases.map((f) => f.caseId)).toEqual(inYear);
  expect(pkg.faults.cases[0]).toMatchObject({ caseNo: 1, level: 1, status: 'closed', response: null });
  expect(pkg.faults).toMatchObject({ total: 2, next: null, list: expect.stringContaining(`/faults?contractId=${c}`) });
  expect(pkg.faults.byLevel.map((l) => [l.level, l.cases])).toEqual([
    ['all', 2],
    [1, 1],
    [2, 0],
    [3, 1],
    [4, 0],
    [5, 0],
  ]);
  expect(pkg).not.toHaveProperty('faultCases'); // the cases themselves are no longer embedded whole
});

test('when a year has more cases than a page, then the section counts them all and links page after page until every case was listed once', async () => {
  const c = await contract('2025-01-02T09:00:00+08:00');
  const ids: string[] = [];
  for (let no = 1; no <= 5; no++) ids.push(await faultCase(c, no, `2025-0${no}-10T10:00:00+08:00`, 1 + (no % 5)));
  await faultCase(c, 6, '2025-03-10T10:00:00+08:00', 2); // same day as case 3, later number: after it
  ids.splice(3, 0, `fault:${c}:6`);
  const span = contractYearSpan(Date.parse('2025-01-02T09:00:00+08:00'), 1);
  const seen: string[] = [];
  let after: number | null = null;
  for (let pages = 1; ; pages++) {
    const s = await faultSection(
      db.pool,
      c,
      1,
      { fromMs: span.startMs, toMs: span.endMs!, asOfMs: Date.now() },
      { after, limit: 2 },
    );
    expect(s.total).toBe(6);
    seen.push(...s.cases.map((x) => x.caseId));
    if (!s.next) {
      expect(pages).toBe(3);
      break;
    }
    expect(s.next).toBe(`/contracts/${c}/reports/om-record?year=1&after=${s.cases.at(-1)!.caseNo}&limit=2`);
    after = Number(new URL(s.next, 'http://x').searchParams.get('after'));
  }
  expect(seen).toEqual(ids);
});
