// Issue 15: every report (JSON, CSV, PDF) and every exported list in zh-CN or en, chosen by
// ?lang=, Accept-Language or the key's preference, zh-CN by default; Content-Language says
// which; instants stay +08:00 and amounts yuan to the fen in both. Before, reports were Chinese
// only and read no language at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/api/api-keys';
import { createContract } from '../helpers/fixtures';
import { readPdf } from '../helpers/pdf';
import { deadline, HOUR, MIN, seedCase, seedEntry, sh } from '../helpers/report-fixtures';
import { startStack, type Stack } from '../helpers/stack';

const NOW = sh('2026-03-01T10:00'); // contract year 1 (from 2025-01-02 09:00) is over
const REPORTS = ['sla', 'penalty-statement', 'om-record', 'acceptance-form'] as const;
let stack: Stack;
let cid: string;
let tmp: string;
let englishKey: string;

async function get(pathAndQuery: string, headers: Record<string, string> = {}, key = stack.keys.finance) {
  const res = await fetch(`${stack.baseUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : null;
  return { status: res.status, language: res.headers.get('content-language'), headers: res.headers, bytes, json };
}
const report = (name: string, query = '') => `/contracts/${cid}/reports/${name}?year=1${query}`;
const csvHeader = (bytes: Buffer) => bytes.subarray(3).toString('utf8').split('\r\n')[0]!.split(',');
const fileName = (disposition: string | null) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1] ?? '');

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'weibao-report-languages-'));
  stack = await startStack({ worker: false, now: () => NOW });
  // Chinese names in the record: an English report still prints them as they are.
  cid = (await createContract(stack, { hospital: '市第一人民医院', name: '办公平台运维' })).id;
  englishKey = (await createApiKey(stack.db.pool, { name: 'en-finance', role: 'finance', locale: 'en' })).key;
  const t = sh('2025-01-10T10:00');
  const late = await seedCase(stack.db.pool, cid, {
    no: 1,
    level: 1,
    reportedAt: t,
    deadlines: [deadline('response', t, 15 * MIN, 30 * MIN), deadline('onsite', t, 12 * HOUR, 5 * HOUR)],
  });
  await seedEntry(stack.db.pool, {
    id: 'le_lang',
    contractId: cid,
    year: 1,
    clause: '6.2.1',
    caseId: late,
    fact: '响应超时',
    amountFen: '100000',
    statuses: ['proposed', 'confirmed'],
    occurredAt: sh('2025-06-01T10:00'),
  });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the language of a report', () => {
  it('when no language is asked, then every report is zh-CN, said by Content-Language and the JSON', async () => {
    const titles = [
      'SLA 达标报告（第1合同年，按月）',
      '违约金结算单（第1合同年）',
      '运维记录（第1合同年）',
      '运维验收单（第1合同年）',
    ];
    for (const [i, name] of REPORTS.entries()) {
      const r = await get(report(name));
      expect([r.status, r.language, r.json.language, r.json.printed.title]).toEqual([200, 'zh-CN', 'zh-CN', titles[i]]);
      expect(r.headers.get('vary')).toMatch(/Accept-Language/);
    }
  });

  it('when Accept-Language asks for English, then every report JSON is in English with its instants at +08:00 and amounts to the fen', async () => {
    const en = { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' };
    const sla = await get(report('sla'), en);
    expect([sla.language, sla.json.language]).toEqual(['en', 'en']);
    expect(sla.json.printed.title).toBe('SLA compliance report (contract year 1, by month)');
    expect(sla.json.printed.tables[0].columns.slice(0, 6).map((c: any) => c.label)).toEqual([
      'Period',
      'Level',
      'Cases',
      'Re-graded',
      'Reopened',
      'Response met',
    ]);
    expect(sla.json.rows[0]).toMatchObject({ periodLabel: 'January 2025', from: '2025-01-02T09:00:00+08:00' });
    expect(sla.json.readings[0]).toMatch(/^a case counts in the period of its report time/);
    expect(sla.json.printed.period).toBe('2025-01-02T09:00:00+08:00 to 2026-01-02T09:00:00+08:00');

    const st = await get(report('penalty-statement'), en);
    expect(st.json.printed.summary.slice(0, 2)).toEqual([
      { label: 'Contract amount', text: 'CNY 1234567.89' },
      { label: 'Deductions confirmed this year', text: 'CNY 1000.00' },
    ]);
    expect(st.json.printed.tables.map((t: any) => t.heading)).toEqual([
      'Penalty entries (by clause)',
      'Totals by clause',
    ]);

    const om = await get(report('om-record'), en);
    expect(om.json.printed.tables.map((t: any) => t.heading)).toContain('Faults (clause 4.9)');
    expect(om.json.printed.summary[0]).toEqual({
      label: 'Faults',
      text: '1 (response met 0, late 1, not due 0; re-graded 0, reopened 0, exclusions accepted 0)',
    });

    const form = await get(report('acceptance-form'), en);
    expect(form.json.printed.form.copies).toEqual([
      'Copy 1 (kept by the hospital)',
      'Copy 2 (kept by the hospital)',
      'Copy 3 (kept by the vendor)',
    ]);
    expect(form.json.printed.summary).toContainEqual({ label: 'Party A (hospital)', text: '市第一人民医院' });
  });

  it('when the same report is read in Chinese, then the same labels are Chinese and the figures the same', async () => {
    const sla = await get(report('sla'));
    expect(sla.json.printed.tables[0].columns.slice(0, 3).map((c: any) => c.label)).toEqual(['期间', '等级', '故障数']);
    expect(sla.json.rows[0].periodLabel).toBe('2025年1月');
    expect(sla.json.readings[0]).toMatch(/^故障计入其报告时间所在期间/);
    const st = await get(report('penalty-statement'));
    expect(st.json.printed.summary[0]).toEqual({ label: '合同金额', text: '1234567.89 元' });
    const en = await get(report('penalty-statement'), { 'accept-language': 'en' });
    // The figures are the same; the sentences the platform wrote (thresholds' rights, the
    // payment's basis; issue 15) are each in the report's language.
    const figures = (j: any) => {
      const { language: _a, printed: _b, generatedAt: _c, thresholds, payment, ...rest } = j;
      return {
        ...rest,
        thresholds: thresholds.map(({ description: _d, ...t }: any) => t),
        payment: { ...payment, basis: undefined },
      };
    };
    expect(figures(en.json)).toEqual(figures(st.json));
    expect([st.json.thresholds[0].description, en.json.thresholds[0].description]).toEqual([
      '累计金额超过合同金额的 5%：院方可解除合同并追回已付款项',
      'cumulative amounts over 5% of the contract amount: the hospital may terminate and recover payments',
    ]);
    expect([st.json.payment.basis, en.json.payment.basis]).toEqual([
      expect.stringMatching(/^条款 10：年费 /),
      expect.stringMatching(/^clause 10: yearly fee /),
    ]);
  });

  it("when ?lang=, Accept-Language and the key's preference disagree, then ?lang= wins, then the header, then the key", async () => {
    expect((await get(report('sla', '&lang=en'), { 'accept-language': 'zh-CN' })).json.language).toBe('en');
    expect((await get(report('sla', '&lang=zh-CN'), { 'accept-language': 'en' })).json.language).toBe('zh-CN');
    expect((await get(report('sla'), {}, englishKey)).json.language).toBe('en');
    expect((await get(report('sla'), { 'accept-language': 'zh' }, englishKey)).json.language).toBe('zh-CN');
    const bad = await get(report('sla', '&lang=fr'));
    expect([bad.status, bad.json.error.field]).toEqual([400, 'lang']);
  });
});

describe('CSV and PDF in both languages', () => {
  it('when a report is asked as CSV, then its header row and file name follow the language', async () => {
    const first: Record<string, [string, string]> = {
      sla: ['期间', 'Period'],
      'penalty-statement': ['条款', 'Clause'],
      'om-record': ['案件', 'Case'],
    };
    for (const [name, [zh, en]] of Object.entries(first)) {
      const z = await get(report(name, '&format=csv'));
      const e = await get(report(name, '&format=csv&lang=en'));
      expect([csvHeader(z.bytes)[0], z.language, csvHeader(e.bytes)[0], e.language]).toEqual([zh, 'zh-CN', en, 'en']);
    }
    const st = await get(report('penalty-statement', '&format=csv'), { 'accept-language': 'en' });
    expect(csvHeader(st.bytes)).toEqual([
      'Clause',
      'Entry',
      'Case',
      'Fact',
      'Basis',
      'Occurred at',
      'Amount (CNY)',
      'Amount (fen)',
      'Status',
      'Status meaning',
      'Compensates',
    ]);
    expect(st.bytes.toString('utf8')).toContain(',1000.00,100000,confirmed,confirmed,');
    expect(fileName(st.headers.get('content-disposition'))).toBe(`penalty-statement-${cid}-year1.csv`);
    const zh = await get(report('sla', '&format=csv&by=quarter'));
    expect(fileName(zh.headers.get('content-disposition'))).toBe(`SLA达标报告-${cid}-第1合同年-按季度.csv`);
    // A client that reads no filename* gets the English name in ASCII.
    expect(zh.headers.get('content-disposition')).toContain(`filename="sla-${cid}-year1-quarter.csv"`);
  });

  it('when GET /faults and GET /ledger are exported in English, then their headers and words are English (status words and whose move in Chinese when asked)', async () => {
    const faults = await get(`/faults?contractId=${cid}`, { accept: 'text/csv', 'accept-language': 'en' });
    expect(csvHeader(faults.bytes)).toEqual([
      'Case',
      'Contract',
      'No.',
      'Level',
      'Title',
      'Status',
      'Status meaning',
      'Late',
      'Awaiting',
      'Reported at',
      'Next deadline',
    ]);
    expect(faults.bytes.toString('utf8')).toContain(',closed,closed,yes,none,2025-01-10T10:00:00+08:00,');
    expect([faults.language, fileName(faults.headers.get('content-disposition'))]).toEqual(['en', 'faults.csv']);
    const faultsZh = await get(`/faults?contractId=${cid}`, { accept: 'text/csv', 'accept-language': 'zh-CN' });
    expect(faultsZh.bytes.toString('utf8')).toContain(',closed,已关闭,是,无,2025-01-10T10:00:00+08:00,');
    const ledger = await get(`/ledger?contractId=${cid}`, { accept: 'text/csv' }, englishKey);
    expect(csvHeader(ledger.bytes).slice(0, 3)).toEqual(['Entry', 'Contract', 'Contract year']);
    const zh = await get(`/ledger?contractId=${cid}`, { accept: 'text/csv' });
    expect([csvHeader(zh.bytes)[0], zh.language, fileName(zh.headers.get('content-disposition'))]).toEqual([
      '条目',
      'zh-CN',
      '违约金台账.csv',
    ]);
  });

  it('when each report is printed in English, then pdftotext reads its English title, headers and page words, with the Chinese names as they are', async () => {
    const expected: Record<(typeof REPORTS)[number], string[]> = {
      sla: ['SLA compliance report (contract year 1, by month)', 'Period', 'Re-graded', 'January 2025'],
      'penalty-statement': [
        'Penalty statement (contract year 1)',
        'Totals by clause',
        'Contract amount',
        'CNY 1234567.89',
      ],
      'om-record': ['O&M record (contract year 1)', 'Faults per level', 'Quarterly inspections', 'Documents'],
      'acceptance-form': ['O&M acceptance form (contract year 1)', 'Copy 3 (kept by the vendor)', 'Party B (seal)'],
    };
    for (const name of REPORTS) {
      const r = await get(report(name, '&format=pdf'), { 'accept-language': 'en' });
      expect([r.status, r.language]).toEqual([200, 'en']);
      expect(fileName(r.headers.get('content-disposition'))).toMatch(new RegExp(`^${name}-${cid}-year1.*\\.pdf$`));
      const pdf = readPdf(r.bytes, tmp, `${name}-en`);
      for (const s of [...expected[name], 'Page 1 of', 'generated 2026-03-01T10:00:00+08:00', '市第一人民医院'])
        expect(pdf.text).toContain(s);
      // The page's own words are English: none of the Chinese header, footer or period words is left.
      expect(pdf.text).not.toMatch(/生成时间|第\s*\d+\s*页|合同年|期间|记录链头|至/);
      expect(pdf.rendered).toBe(pdf.pages);
      expect(pdf.allEmbedded).toBe(true);
    }
  });
});
