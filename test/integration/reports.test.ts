import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContract } from '../helpers/fixtures';
import { deadline, HOUR, MIN, seedCase, seedEntry, sh } from '../helpers/report-fixtures';
import { readPdf as readPdfIn } from '../helpers/pdf';
import { startStack, type Stack } from '../helpers/stack';

// Reports (issue 14) against a hand-computed year: contract signed 2025-01-02 09:00 +08:00
// (year 1 runs to 2026-01-02 09:00), amount 123,456,789 fen, yearly fee 41,152,263 fen.
const NOW = sh('2026-03-01T10:00');
let stack: Stack;
let cid: string;
let tmp: string;

async function get(pathAndQuery: string, accept?: string) {
  const res = await fetch(`${stack.baseUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${stack.keys.finance}`, ...(accept ? { accept } : {}) },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}
const readPdf = (bytes: Buffer, name: string) => readPdfIn(bytes, tmp, name);
const csvRows = (bytes: Buffer) =>
  bytes
    .subarray(3)
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'weibao-reports-'));
  stack = await startStack({ worker: false, now: () => NOW });
  cid = (await createContract(stack)).id;
  const p = stack.db.pool;
  // A: level 1, responded in 10 min (due 15), on site in 5 h (due 12), replacement in 20 h (due 24).
  let t = sh('2025-01-10T10:00');
  await seedCase(p, cid, {
    no: 1,
    level: 1,
    reportedAt: t,
    deadlines: [
      deadline('response', t, 15 * MIN, 10 * MIN),
      deadline('analysis', t, 48 * HOUR, 30 * HOUR),
      deadline('onsite', t, 12 * HOUR, 5 * HOUR),
      deadline('replacement', t, 24 * HOUR, 20 * HOUR),
    ],
  });
  // B: level 1, responded in 30 min (breached), on site at 13 h (breached), replacement cancelled by resolution; exclusion accepted.
  t = sh('2025-01-20T08:00');
  const b = await seedCase(p, cid, {
    no: 2,
    level: 1,
    reportedAt: t,
    events: ['case.responded', 'exclusion.claimed', 'exclusion.accepted'],
    deadlines: [
      deadline('response', t, 15 * MIN, 30 * MIN),
      deadline('onsite', t, 12 * HOUR, 13 * HOUR),
      deadline('replacement', t, 24 * HOUR, undefined, 'cancelled'),
    ],
    exclusions: [
      {
        status: 'accepted',
        cause: 'network',
        evidence: ['交换机日志'],
        explanation: '院方网络中断',
        claimedBy: 'v',
        claimedAtMs: t + 2 * HOUR,
      },
    ],
  });
  // C: reported as level 3, re-graded to 2 (deadlines recomputed: response due 30 min), responded in 20 min; on site 11 h, replacement 23 h.
  t = sh('2025-02-05T12:00');
  await seedCase(p, cid, {
    no: 3,
    level: 2,
    reportedAt: t,
    events: ['case.responded', 'case.regraded'],
    deadlines: [
      deadline('response', t, 30 * MIN, 20 * MIN),
      deadline('onsite', t, 12 * HOUR, 11 * HOUR),
      deadline('replacement', t, 24 * HOUR, 23 * HOUR),
    ],
  });
  // D: level 3, responded in 3 h (due 2 h), reopened once.
  t = sh('2025-02-14T09:00');
  const d = await seedCase(p, cid, {
    no: 4,
    level: 3,
    reportedAt: t,
    affects: false,
    events: ['case.responded', 'case.resolved', 'case.reopened'],
    deadlines: [deadline('response', t, 2 * HOUR, 3 * HOUR)],
  });
  // E: level 3, never responded, its due long past, the breach never written by the worker: judged breached from the facts.
  t = sh('2025-03-01T09:00');
  const e = await seedCase(p, cid, {
    no: 5,
    level: 3,
    reportedAt: t,
    affects: false,
    status: 'reported',
    deadlines: [deadline('response', t, 2 * HOUR)],
  });
  // F: level 5 on the last evening of 2025, still contract year 1; responded in 1 h (due 6 h).
  t = sh('2025-12-31T23:00');
  await seedCase(p, cid, {
    no: 6,
    level: 5,
    reportedAt: t,
    affects: false,
    deadlines: [deadline('response', t, 6 * HOUR, 1 * HOUR)],
  });
  // G: year 2, never in a year-1 report.
  t = sh('2026-01-05T09:00');
  const g = await seedCase(p, cid, {
    no: 7,
    level: 4,
    reportedAt: t,
    affects: false,
    deadlines: [deadline('response', t, 4 * HOUR, 5 * HOUR)],
  });

  const at = sh('2025-06-01T10:00');
  await seedEntry(p, {
    id: 'le_b_response',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: b,
    fact: 'B 响应超时',
    amountFen: '100000',
    statuses: ['proposed', 'held', 'waived'],
    occurredAt: at,
  });
  await seedEntry(p, {
    id: 'le_b_onsite',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: b,
    fact: 'B 未按时到场',
    amountFen: '100000',
    statuses: ['proposed', 'waived'],
    occurredAt: at + 1,
  });
  await seedEntry(p, {
    id: 'le_d_response',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: d,
    fact: 'D 响应超时',
    amountFen: '100000',
    statuses: ['proposed', 'confirmed'],
    occurredAt: at + 2,
  });
  await seedEntry(p, {
    id: 'le_e_response',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: e,
    fact: 'E 未响应',
    amountFen: '100000',
    statuses: ['proposed', 'confirmed'],
    occurredAt: at + 3,
  });
  await seedEntry(p, {
    id: 'le_e_comp',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: e,
    fact: 'E 冲正 -400 元',
    amountFen: '-40000',
    statuses: ['confirmed'],
    compensates: 'le_e_response',
    occurredAt: at + 4,
  });
  // 6.3: 20 days late at 0.3 % a day = 6 % of 123,456,789 = 7,407,407.34 -> 7,407,407 fen.
  await seedEntry(p, {
    id: 'le_rect',
    contractId: cid,
    year: 1,
    clause: '6.3',
    caseId: `rectification:${cid}:1`,
    caseKind: 'rectification',
    fact: '整改项 1 逾期 20 天',
    amountFen: '7407407',
    statuses: ['proposed', 'confirmed'],
    occurredAt: at + 5,
  });
  // 6.5 at 0.05 %: 61,728.3945 -> 61,728 fen, disputed.
  await seedEntry(p, {
    id: 'le_other',
    contractId: cid,
    year: 1,
    clause: '6.5',
    caseId: `service:${cid}:1`,
    caseKind: 'service-commitment',
    fact: '接口文档迟交',
    amountFen: '61728',
    statuses: ['proposed', 'disputed'],
    occurredAt: at + 6,
  });
  await seedEntry(p, {
    id: 'le_g',
    contractId: cid,
    year: 2,
    clause: '6.2.1',
    caseId: g,
    fact: 'G 响应超时',
    amountFen: '100000',
    statuses: ['proposed', 'confirmed'],
    occurredAt: sh('2026-01-05T15:00'),
  });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('SLA report (4.9)', () => {
  it('when year 1 is reported by year, then every figure matches the hand count (re-grade, reopen, accepted exclusion, unrecorded breach)', async () => {
    const r = await stack.call('finance', 'GET', `/contracts/${cid}/reports/sla?year=1&by=year`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      from: '2025-01-02T09:00:00+08:00',
      to: '2026-01-02T09:00:00+08:00',
      yearComplete: true,
    });
    // 16 status events were seeded: the ledger chain's head names the 16th.
    expect(r.body.recordHead.ledger_status_events).toEqual({
      chain: 'ledger_status_events',
      seq: 16,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const row = (level: string | number) => r.body.rows.find((x: any) => x.level === level);
    // Responded: A 10, C 20, B 30, F 60, D 180 min; median 30; p90 at 0.9 x 4 = 3.6: 60 + 0.6 x 120 = 132 min.
    expect(row('all')).toEqual(
      expect.objectContaining({
        cases: 6,
        regraded: 1,
        reopened: 1,
        responseMet: 3,
        responseBreached: 3,
        responseOpen: 0,
        medianResponseMs: 30 * MIN,
        p90ResponseMs: 132 * MIN,
        onsiteDue: 3,
        onsiteMet: 2,
        onsiteBreached: 1,
        replacementDue: 2,
        replacementMet: 2,
        replacementBreached: 0,
        exclusionsClaimed: 1,
        exclusionsAccepted: 1,
      }),
    );
    // Level 1: A 10, B 30 -> median 20, p90 10 + 0.9 x 20 = 28.
    expect(row(1)).toEqual(
      expect.objectContaining({
        cases: 2,
        responseMet: 1,
        responseBreached: 1,
        medianResponseMs: 20 * MIN,
        p90ResponseMs: 28 * MIN,
        onsiteDue: 2,
        onsiteMet: 1,
        replacementDue: 1,
        replacementMet: 1,
        exclusionsAccepted: 1,
      }),
    );
    expect(row(2)).toEqual(
      expect.objectContaining({ cases: 1, regraded: 1, responseMet: 1, medianResponseMs: 20 * MIN }),
    );
    expect(row(3)).toEqual(
      expect.objectContaining({
        cases: 2,
        reopened: 1,
        responseBreached: 2,
        medianResponseMs: 180 * MIN,
        p90ResponseMs: 180 * MIN,
      }),
    );
    expect(row(4)).toEqual(expect.objectContaining({ cases: 0, medianResponseMs: null }));
    expect(row(5)).toEqual(expect.objectContaining({ cases: 1, responseMet: 1, medianResponseMs: 60 * MIN }));
  });

  it('when grouped by month and by contract quarter, then each case falls in the period of its report time', async () => {
    const m = await stack.call('finance', 'GET', `/contracts/${cid}/reports/sla?year=1&by=month`);
    const all = m.body.rows.filter((x: any) => x.level === 'all');
    expect(all.map((x: any) => x.period)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
    expect(all.map((x: any) => x.cases)).toEqual([2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(all[0]).toMatchObject({
      from: '2025-01-02T09:00:00+08:00',
      to: '2025-02-01T00:00:00+08:00',
      responseMet: 1,
      responseBreached: 1,
      medianResponseMs: 20 * MIN,
    });
    expect(all[12]).toMatchObject({ from: '2026-01-01T00:00:00+08:00', to: '2026-01-02T09:00:00+08:00' });
    const q = await stack.call('finance', 'GET', `/contracts/${cid}/reports/sla?year=1&by=quarter`);
    expect(q.body.rows.filter((x: any) => x.level === 'all').map((x: any) => [x.period, x.cases])).toEqual([
      ['1Q1', 5],
      ['1Q2', 0],
      ['1Q3', 0],
      ['1Q4', 1],
    ]);
  });

  it('when asked for CSV, then it is UTF-8 with a BOM, Chinese headers and one line per period and level', async () => {
    const r = await get(`/contracts/${cid}/reports/sla?year=1&by=quarter`, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(r.bytes);
    expect(rows[0]).toEqual([
      '期间',
      '等级',
      '故障数',
      '重新定级',
      '重开',
      '响应达标',
      '响应超时',
      '响应未到期',
      '响应中位数(分钟)',
      '响应P90(分钟)',
      '应到场',
      '到场达标',
      '应替代',
      '替代达标',
      '除外申请',
      '除外认可',
    ]);
    expect(rows).toHaveLength(1 + 4 * 6);
    expect(rows[1]).toEqual([
      '第1合同年第1季度',
      '全部',
      '5',
      '1',
      '1',
      '2',
      '3',
      '0',
      '25',
      '135',
      '3',
      '2',
      '2',
      '2',
      '1',
      '1',
    ]);
    expect(r.disposition).toContain(`sla-${cid}-year1-quarter.csv`);
  });

  it('when asked for PDF, then pdftotext finds the Chinese title and the figures and pdftoppm renders every page', async () => {
    const r = await get(`/contracts/${cid}/reports/sla?year=1&by=month&format=pdf`);
    expect(r.type).toBe('application/pdf');
    const pdf = readPdf(r.bytes, 'sla');
    expect(pdf.text).toContain('SLA 达标报告');
    expect(pdf.text).toContain(cid);
    expect(pdf.text).toContain('生成时间 2026-03-01T10:00:00+08:00');
    expect(pdf.text).toContain('2025年1月');
    expect(pdf.text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    expect(pdf.rendered).toBe(pdf.pages);
    // A4 (landscape for this wide table), the Chinese font embedded (a reader without it still shows the text), the period in the header.
    expect(pdf.pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    expect(pdf.allEmbedded).toBe(true);
    expect(pdf.fonts.join('\n')).toMatch(/CID/);
    expect(pdf.text).toContain('2025-01-02T09:00:00+08:00 至 2026-01-02T09:00:00+08:00');
  });

  it('when the format is unknown or nothing acceptable is asked, then 400 names format and 406 names Accept', async () => {
    expect(
      (await stack.call('finance', 'GET', `/contracts/${cid}/reports/sla?year=1&format=xml`)).body.error.field,
    ).toBe('format');
    expect((await get(`/contracts/${cid}/reports/sla?year=1`, 'image/png')).status).toBe(406);
    expect((await stack.call('finance', 'GET', `/contracts/${cid}/reports/sla?year=9`)).status).toBe(400);
  });
});

describe('penalty statement (6, 10)', () => {
  it('when year 1 is stated, then entries, clause totals, thresholds and the payment due match the hand computation', async () => {
    const r = await stack.call('finance', 'GET', `/contracts/${cid}/reports/penalty-statement?year=1`);
    expect(r.status).toBe(200);
    expect(r.body.entries.map((e: any) => [e.clause, e.id, e.status])).toEqual([
      ['6.2.1', 'le_b_response', 'waived'],
      ['6.2.1', 'le_b_onsite', 'waived'],
      ['6.2.1', 'le_d_response', 'confirmed'],
      ['6.2.1', 'le_e_response', 'confirmed'],
      ['6.2.1', 'le_e_comp', 'confirmed'],
      ['6.3', 'le_rect', 'confirmed'],
      ['6.5', 'le_other', 'disputed'],
    ]);
    expect(r.body.byClause).toEqual([
      {
        clause: '6.2.1',
        entries: 5,
        confirmedFen: '160000',
        openFen: '0',
        disputedFen: '0',
        heldFen: '0',
        waivedFen: '200000',
        withdrawnFen: '0',
      },
      {
        clause: '6.3',
        entries: 1,
        confirmedFen: '7407407',
        openFen: '0',
        disputedFen: '0',
        heldFen: '0',
        waivedFen: '0',
        withdrawnFen: '0',
      },
      {
        clause: '6.5',
        entries: 1,
        confirmedFen: '0',
        openFen: '0',
        disputedFen: '61728',
        heldFen: '0',
        waivedFen: '0',
        withdrawnFen: '0',
      },
    ]);
    expect(r.body.confirmedYearFen).toBe('7567407');
    expect(r.body.confirmedThroughYearFen).toBe('7567407'); // year 2's entry is not in it
    // 5 % of 123,456,789 = 6,172,839.45 -> 6,172,839 (exceeded); 20 % = 24,691,357.8 -> 24,691,358 (not reached).
    expect(r.body.thresholds.map((t: any) => [t.clause, t.limitFen, t.reached, t.headroomFen])).toEqual([
      ['6.4/6.5', '6172839', true, '-1394568'],
      ['6.3', '24691358', false, '17123951'],
    ]);
    expect(r.body.payment).toMatchObject({
      appliesToYear: 2,
      feeFen: '41152263',
      deductionsFen: '7567407',
      amountDueFen: '33584856',
      uncoveredFen: '0',
    });
  });

  it('when printed, then CSV lists every entry with yuan and fen and the PDF shows the totals in Chinese', async () => {
    const csv = await get(`/contracts/${cid}/reports/penalty-statement?year=1&format=csv`);
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual([
      '条款',
      '条目',
      '案件',
      '事实',
      '依据',
      '发生时间',
      '金额(元)',
      '金额(分)',
      '状态',
      '状态说明',
      '冲正条目',
    ]);
    expect(rows).toHaveLength(8);
    expect(rows.find((x) => x[1] === 'le_e_comp')).toEqual([
      '6.2.1',
      'le_e_comp',
      `fault:${cid}:5`,
      'E 冲正 -400 元',
      'seeded',
      '2025-06-01T10:00:00+08:00',
      '-400.00',
      '-40000',
      'confirmed',
      '已确认',
      'le_e_response',
    ]);
    const head = (await stack.call('finance', 'GET', `/contracts/${cid}/reports/penalty-statement?year=1`)).body
      .recordHead;
    const pdf = readPdf(
      (await get(`/contracts/${cid}/reports/penalty-statement?year=1`, 'application/pdf')).bytes,
      'statement',
    );
    // Every page commits to the record: the ledger chain's head hash is printed in each header.
    expect(pdf.text.split(`台账链 #16 ${head.ledger_status_events.hash}`).length - 1).toBe(pdf.pages);
    for (const s of ['违约金结算单', '75674.07', '335848.56', '61728.39', '已达到', '整改项 1 逾期 20 天'])
      expect(pdf.text).toContain(s);
    expect(pdf.rendered).toBe(pdf.pages);
  });
});

describe('lists exported as CSV (issue 14: export lists)', () => {
  it('when GET /faults or GET /ledger is asked with Accept: text/csv, then the same page comes as UTF-8 CSV with a BOM, Chinese headers and +08:00 times; JSON stays the default', async () => {
    const json = await stack.call('finance', 'GET', `/faults?contractId=${cid}`);
    const csv = await get(`/faults?contractId=${cid}`, 'text/csv');
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual([
      '案件',
      '合同',
      '编号',
      '等级',
      '标题',
      '状态',
      '状态说明',
      '超时',
      '待办方',
      '报告时间',
      '下一期限',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(json.body.items.map((c: any) => c.caseId));
    expect(rows.find((r) => r[0] === `fault:${cid}:2`)).toEqual([
      `fault:${cid}:2`,
      cid,
      '2',
      '1',
      '故障 2',
      'closed',
      '已关闭',
      '是',
      '无',
      '2025-01-20T08:00:00+08:00',
      '',
    ]);
    expect(csv.disposition).toContain('faults.csv');

    const ledger = await get(`/ledger?contractId=${cid}&year=1&clause=6.2.1`, 'text/csv');
    const lines = csvRows(ledger.bytes);
    expect(lines[0]).toEqual([
      '条目',
      '合同',
      '合同年',
      '条款',
      '案件',
      '事实',
      '发生时间',
      '金额(元)',
      '金额(分)',
      '状态',
      '状态说明',
      '冲正条目',
    ]);
    expect(lines.find((r) => r[0] === 'le_e_comp')).toEqual([
      'le_e_comp',
      cid,
      '1',
      '6.2.1',
      `fault:${cid}:5`,
      'E 冲正 -400 元',
      '2025-06-01T10:00:00+08:00',
      '-400.00',
      '-40000',
      'confirmed',
      '已确认',
      'le_e_response',
    ]);
    expect(lines).toHaveLength(1 + 5); // the five 6.2.1 entries of year 1
    expect((await get(`/ledger?contractId=${cid}`)).type).toContain('application/json');
    expect((await get(`/ledger?contractId=${cid}`, 'application/json, text/csv;q=0.5')).type).toContain(
      'application/json',
    );
  });
});

describe('O&M record and acceptance form (3, 8)', () => {
  beforeAll(async () => {
    const p = stack.db.pool;
    const report = {
      inspectionDate: '2025-03-20',
      engineer: '李工',
      findings: [],
      recommendations: [],
      documentRef: 'doc_x@1',
      sha256: 'a'.repeat(64),
    };
    for (const q of [1, 2, 3, 4]) {
      await p.query(
        `INSERT INTO inspections (workflow_id, contract_id, contract_year, quarter, period_start, due_at, status, report, submitted_at, remediation, version)
                     VALUES ($1, $2, 1, $3, '2025-01-02', now(), $4, $5, $6, $7, 1)`,
        [
          `inspection:${cid}:1Q${q}`,
          cid,
          q,
          q < 4 ? 'acknowledged' : 'overdue',
          q < 4 ? JSON.stringify(report) : null,
          q < 4 ? new Date(sh('2025-03-21T10:00')) : null,
          JSON.stringify(
            q === 2 ? [{ id: 'r1', finding: '弱口令', deadline: '2025-06-30T16:00:00.000Z', status: 'resolved' }] : [],
          ),
        ],
      );
    }
    await p.query(
      `INSERT INTO care_logs (contract_id, kind, occurred_at, channel, with_whom, topics, logged_by) VALUES ($1, 'visit', $2, 'phone', '信息科王主任', ARRAY['产品使用','网络安全'], 'seed')`,
      [cid, new Date(sh('2025-04-10T10:00'))],
    );
    await p.query(
      `INSERT INTO acceptance_years (workflow_id, contract_id, contract_year, status, round, version) VALUES ($1, $2, 1, 'passed', 1, 3)`,
      [`acceptance:${cid}:1`, cid],
    );
    await p.query(
      `INSERT INTO acceptance_records (contract_id, contract_year, passed_at, hospital_signatory, vendor_signatory, hospital_sealed, vendor_sealed, decided_by, workflow_id)
                   VALUES ($1, 1, $2, '张院长', '李经理', true, true, 'approver', $3)`,
      [cid, new Date(sh('2026-01-10T15:00')), `acceptance:${cid}:1`],
    );
    const form = new FormData();
    form.append('kind', 'inspection-report');
    form.append('title', '第一季度巡检报告');
    form.append('subject', `inspection:${cid}:1Q1`);
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '巡检报告-1Q1.pdf');
    const up = await fetch(`${stack.baseUrl}/contracts/${cid}/documents`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${stack.keys['vendor-engineer']}` },
    });
    expect(up.status).toBe(201);
  });

  it("when the O&M record of year 1 is assembled, then it holds the year's faults, inspections, remediation, care, rectification and documents", async () => {
    await stack.db.pool.query(
      `INSERT INTO obligation_records (workflow_id, contract_id, kind, status, awaiting, breached, state, version) VALUES ($1, $2, 'rectification', 'in-progress', 'vendor', true, $3, 1)
       ON CONFLICT (workflow_id) DO NOTHING`,
      [
        `rectification:${cid}`,
        cid,
        JSON.stringify({
          items: [
            {
              itemId: 'i1',
              description: '重建索引',
              dueDate: '2025-03-01',
              status: 'done',
              daysLate: 20,
              penaltyFen: '7407407',
            },
            { itemId: 'i0', description: '清理弱口令', status: 'open', daysLate: 0, penaltyFen: '0' },
            {
              itemId: 'i9',
              description: '下一年度项目',
              dueDate: '2027-03-01',
              status: 'open',
              daysLate: 0,
              penaltyFen: '0',
            },
          ],
        }),
      ],
    );
    const r = await stack.call('auditor', 'GET', `/contracts/${cid}/reports/om-record?year=1`);
    expect(r.status).toBe(200);
    // The faults as a summary computed in PostgreSQL (issue 14): per level, by hand from A-F above.
    const level = (l: string | number) => r.body.faults.byLevel.find((x: any) => x.level === l);
    expect(r.body.faults).toMatchObject({ total: 6, next: null });
    expect(level('all')).toMatchObject({
      cases: 6,
      responseMet: 3,
      responseBreached: 3,
      responseOpen: 0,
      regraded: 1,
      reopened: 1,
      exclusionsClaimed: 1,
      exclusionsAccepted: 1,
      onsiteMet: 2,
      onsiteBreached: 1,
    });
    expect(level(1)).toMatchObject({ cases: 2, responseMet: 1, responseBreached: 1, exclusionsAccepted: 1 });
    expect(level(2)).toMatchObject({ cases: 1, responseMet: 1, regraded: 1 });
    expect(level(3)).toMatchObject({ cases: 2, responseBreached: 2, reopened: 1 });
    expect([level(4).cases, level(5).cases]).toEqual([0, 1]);
    expect(r.body.faults.cases.map((f: any) => [f.caseNo, f.response, f.regraded, f.reopened, f.exclusion])).toEqual([
      [1, 'met', false, false, null],
      [2, 'breached', false, false, 'accepted'],
      [3, 'met', true, false, null],
      [4, 'breached', false, true, null],
      [5, 'breached', false, false, null],
      [6, 'met', false, false, null],
    ]);
    expect(r.body.inspections.map((i: any) => [i.quarter, i.report?.documentRef ?? null])).toEqual([
      [1, 'doc_x@1'],
      [2, 'doc_x@1'],
      [3, 'doc_x@1'],
      [4, null],
    ]);
    expect(r.body.remediation).toEqual([expect.objectContaining({ quarter: 2, id: 'r1', status: 'resolved' })]);
    expect(r.body.careLogs).toHaveLength(1);
    expect(r.body.rectification.map((e: any) => e.id)).toEqual(['le_rect']);
    // 6.3: the plan's items themselves (not only their ledger entries): those due in the year, and those without a date in year 1.
    expect(r.body.rectificationItems.map((i: any) => [i.itemId, i.dueDate, i.status, i.daysLate])).toEqual([
      ['i0', null, 'open', 0],
      ['i1', '2025-03-01', 'done', 20],
    ]);
    expect(r.body.documents).toEqual([
      expect.objectContaining({
        kind: 'inspection-report',
        subject: `inspection:${cid}:1Q1`,
        version: 1,
        filename: '巡检报告-1Q1.pdf',
      }),
    ]);
    const pdf = readPdf((await get(`/contracts/${cid}/reports/om-record?year=1&format=pdf`)).bytes, 'om');
    for (const s of [
      '运维记录',
      '巡检报告-1Q1.pdf',
      '弱口令',
      '信息科王主任',
      '重新定级',
      '整改计划',
      '重建索引',
      '故障分级统计',
      '共 6 起',
    ])
      expect(pdf.text).toContain(s);
    expect(pdf.rendered).toBe(pdf.pages);
  });

  it('when the O&M record is read a page of cases at a time, then the pages link on and list every case once in report order, and a bad page is 400', async () => {
    const first = await stack.call('auditor', 'GET', `/contracts/${cid}/reports/om-record?year=1&limit=4`);
    expect(first.body.faults.cases.map((f: any) => f.caseNo)).toEqual([1, 2, 3, 4]);
    expect(first.body.faults).toMatchObject({
      total: 6,
      next: `/contracts/${cid}/reports/om-record?year=1&after=4&limit=4`,
    });
    const second = await stack.call('auditor', 'GET', first.body.faults.next);
    expect(second.body.faults.cases.map((f: any) => f.caseNo)).toEqual([5, 6]);
    expect(second.body.faults).toMatchObject({ total: 6, next: null });
    const csv = csvRows((await get(`/contracts/${cid}/reports/om-record?year=1&limit=4&format=csv`)).bytes);
    expect(csv.slice(1).map((row) => row[0])).toEqual([1, 2, 3, 4].map((n) => `fault:${cid}:${n}`));
    for (const bad of ['limit=0', 'limit=1001', 'after=x'])
      expect(
        (await stack.call('auditor', 'GET', `/contracts/${cid}/reports/om-record?year=1&${bad}`)).body.error.field,
      ).toBe(bad.split('=')[0]);
  });

  it('when the acceptance form of year 1 is printed, then it has three copies (two hospital, one vendor) with the figures and both signature blocks', async () => {
    const r = await stack.call('hospital-approver', 'GET', `/contracts/${cid}/reports/acceptance-form?year=1`);
    expect(r.body).toMatchObject({
      clause: '8',
      copies: { hospital: 2, vendor: 1 },
      record: { hospitalSignatory: '张院长', vendorSignatory: '李经理' },
      figures: {
        faults: 6,
        responseBreached: 3,
        inspectionsSubmitted: 3,
        inspections: 4,
        careVisits: 1,
        documents: 1,
        confirmedDeductionsFen: '7567407',
      },
    });
    const pdf = readPdf(
      (await get(`/contracts/${cid}/reports/acceptance-form?year=1`, 'application/pdf')).bytes,
      'form',
    );
    expect(pdf.pages).toBe(3);
    expect(pdf.rendered).toBe(3);
    expect(pdf.pageSize).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(pdf.allEmbedded).toBe(true);
    for (const s of [
      '运维验收单（第1合同年）',
      '第一联（甲方存执）',
      '第二联（甲方存执）',
      '第三联（乙方存执）',
      '甲方执两份，乙方执一份',
      '张院长',
      '李经理',
      '3 / 4 份',
      '75674.07',
    ])
      expect(pdf.text).toContain(s);
  });

  it('when a key of another contract asks for a report, then 403', async () => {
    const { createApiKey } = await import('../../src/api/api-keys');
    const other = await createApiKey(stack.db.pool, { name: 'other', role: 'finance', contracts: ['C-OTHER'] });
    const res = await fetch(`${stack.baseUrl}/contracts/${cid}/reports/penalty-statement?year=1`, {
      headers: { authorization: `Bearer ${other.key}` },
    });
    expect(res.status).toBe(403);
  });
});
