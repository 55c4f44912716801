// Issue 15: the basis the platform writes on a ledger entry (and on a payment, and the
// thresholds' rights) is read in the reader's language: Accept-Language, the key's preference,
// zh-CN by default, said by Content-Language. Before, every read answered the English sentence
// the domain built. A basis stored without a template (older rows, typed text) stays as stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContract } from '../helpers/fixtures';
import { renderMessage } from '../../src/notify/messages';
import { contextOf } from '../../src/notify/router';
import { readPdf } from '../helpers/pdf';
import { seedEntry } from '../helpers/report-fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

const MIN = 60_000;
const ZH_621 = '条款 6.2.1：未履行 4.1 或 4.9.2 的约定，每次 1,000.00 元';
const EN_621 = 'clause 6.2.1: a failure of 4.1 or 4.9.2 costs CNY 1,000.00 per occurrence';
let stack: Stack;
let contractId: string;
let caseId: string;
let tmp: string;
const zh = { 'accept-language': 'zh-CN' };
const en = { 'accept-language': 'en-GB,en;q=0.9' };

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'weibao-ledger-languages-'));
  stack = await startStack();
  contractId = (await createContract(stack)).id;
  // A level-1 fault reported 20 minutes late: its response deadline (4.9.4) has passed, the
  // workflow proposes the 6.2.1 penalty with its basis as a template.
  const reported = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 1,
    title: 'OA down',
    channel: 'phone',
    reporter: 'Nurse Li',
    reportedAt: new Date(Date.now() - 20 * MIN).toISOString(),
  });
  expect(reported.status).toBe(201);
  caseId = reported.body.caseId;
  await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`);
    return r.status === 200 && r.body.items.length > 0;
  });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a ledger basis in the reader language', () => {
  it('when a breach entry is read in zh-CN, en or with no language, then its basis is Chinese, English, Chinese, said by Content-Language', async () => {
    const list = (h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`, undefined, h);
    const [z, e, none] = [await list(zh), await list(en), await list({})];
    expect([z.body.items[0].basis, z.headers.get('content-language')]).toEqual([ZH_621, 'zh-CN']);
    expect([e.body.items[0].basis, e.headers.get('content-language')]).toEqual([EN_621, 'en']);
    expect([none.body.items[0].basis, none.headers.get('content-language')]).toEqual([ZH_621, 'zh-CN']);
    expect(z.headers.get('vary')).toMatch(/Accept-Language/);
    expect(z.body.items[0].basisTemplate).toEqual({ key: 'penalty.6.2.1', params: { amountFen: '100000' } });
    const id = z.body.items[0].id;
    const one = await stack.call('auditor', 'GET', `/ledger/${id}`, undefined, en);
    expect(one.body.basis).toBe(EN_621);
    const fault = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`, undefined, zh);
    expect(fault.body.ledger[0].basis).toBe(ZH_621);
  });

  it('when a confirmed breach entry is compensated, then the compensating entry basis is Chinese or English as asked', async () => {
    const [entry] = (await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`)).body.items;
    expect((await stack.call('hospital-approver', 'POST', `/ledger/${entry.id}/confirm`, {}, zh)).body.basis).toBe(
      ZH_621,
    );
    const comp = await stack.call(
      'hospital-approver',
      'POST',
      `/ledger/${entry.id}/compensate`,
      { amountFen: '40000', reason: '服务台登记晚了' },
      zh,
    );
    expect([comp.status, comp.body.basis]).toEqual([201, `冲正 ${entry.id}（1,000.00 元），金额 -400.00 元`]);
    const again = await stack.call('auditor', 'GET', `/ledger/${comp.body.id}`, undefined, en);
    expect(again.body.basis).toBe(`corrects ${entry.id} (CNY 1,000.00) by -CNY 400.00`);
  });

  it('when an entry has no template (written before templates), then its stored basis is shown in every language', async () => {
    const { contractYear } = (await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`)).body
      .items[0];
    await seedEntry(stack.db.pool, {
      id: 'le_old',
      contractId,
      year: contractYear,
      clause: '6.2.1',
      caseId,
      fact: 'an older entry',
      amountFen: '100000',
      statuses: ['proposed'],
      occurredAt: Date.now() - MIN,
    });
    for (const h of [zh, en])
      expect((await stack.call('auditor', 'GET', '/ledger/le_old', undefined, h)).body.basis).toBe('seeded');
  });

  it('when the penalty statement is read in zh-CN, then its JSON, CSV and PDF show the Chinese basis, payment basis and threshold rights; in English the English', async () => {
    const { contractYear } = (await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`)).body
      .items[0];
    const url = (format: string) =>
      `/contracts/${contractId}/reports/penalty-statement?year=${contractYear}${format ? `&format=${format}` : ''}`;
    const get = async (format: string, h: Record<string, string>) => {
      const res = await fetch(`${stack.baseUrl}${url(format)}`, {
        headers: { authorization: `Bearer ${stack.keys.finance}`, ...h },
      });
      return { language: res.headers.get('content-language'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const zj = JSON.parse((await get('', zh)).bytes.toString('utf8'));
    const ej = JSON.parse((await get('', en)).bytes.toString('utf8'));
    const breach = (j: { entries: { caseId: string; amountFen: string; basis: string }[] }) =>
      j.entries.find((x) => x.caseId === caseId && x.amountFen === '100000' && x.basis !== 'seeded')!.basis;
    expect([breach(zj), breach(ej)]).toEqual([ZH_621, EN_621]);
    expect(zj.thresholds.map((t: { description: string }) => t.description)).toEqual([
      '累计金额超过合同金额的 5%：院方可解除合同并追回已付款项',
      '扣款达到合同金额的 20% 及以上：供应商违约；院方可解除合同并要求退还全部已付款项',
    ]);
    expect(ej.thresholds[1].description).toBe(
      'deductions reaching 20% of the contract amount: the vendor is in breach; the hospital may terminate and demand all payments back',
    );
    expect(zj.payment.basis).toMatch(/^条款 10：年费 [\d,.]+ 元 扣除已确认扣款 600\.00 元（条款 6）/);
    expect(ej.payment.basis).toMatch(
      /^clause 10: yearly fee CNY [\d,.]+ less confirmed deductions CNY 600\.00 \(clause 6\)/,
    );
    const csv = await get('csv', zh);
    expect([csv.language, csv.bytes.toString('utf8')]).toEqual(['zh-CN', expect.stringContaining(ZH_621)]);
    expect((await get('csv', en)).bytes.toString('utf8')).toContain(EN_621);
    const pdf = readPdf((await get('pdf', zh)).bytes, tmp, 'statement-zh');
    const flat = pdf.text.replace(/\s+/g, '');
    expect(flat).toContain('阈值6.3：扣款达到合同金额的20%及以上');
    expect(flat).toContain('条款6.2.1：未履行4.1');
    const pdfEn = readPdf((await get('pdf', en)).bytes, tmp, 'statement-en');
    expect(pdfEn.text.replace(/\s+/g, '')).toContain('Threshold6.3:deductionsreaching20%');
  });

  it('when the payment requests are read, then the platform basis of year 1 is in the reader language', async () => {
    const p = (h: Record<string, string>) =>
      stack.call('finance', 'GET', `/contracts/${contractId}/payments`, undefined, h);
    expect((await p(zh)).body.items[0].basis).toBe('条款 10：第1年年费于合同签订后支付');
    expect((await p(en)).body.items[0].basis).toBe('clause 10: the fee of year 1 is paid after signing');
  });
  it('when the contract and the fault are read in zh-CN or en, then their applied readings are Chinese or English with the same parameters', async () => {
    const contract = (h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/contracts/${contractId}`, undefined, h);
    const [z, e] = [await contract(zh), await contract(en)];
    expect([z.headers.get('content-language'), e.headers.get('content-language')]).toEqual(['zh-CN', 'en']);
    const params = (r: { body: { readings: { parameter: string; clause: string; value: string }[] } }) =>
      r.body.readings.map(({ parameter, clause, value }) => [parameter, clause, value]);
    expect(params(z)).toEqual(params(e));
    const onsite = (r: { body: { readings: { parameter: string; reading: string }[] } }) =>
      r.body.readings.find((x) => x.parameter === 'faults.onsiteClock')!.reading;
    expect([onsite(z), onsite(e)]).toEqual([
      '4.9.2：12 小时到场与 24 小时更换的时限自故障报告时起算',
      '4.9.2: the 12 h on-site and 24 h replacement deadlines run from the fault report',
    ]);
    const overview = await stack.call('auditor', 'GET', `/contracts/${contractId}/overview`, undefined, zh);
    expect(onsite({ body: overview.body.contract })).toBe(onsite(z));
    const fault = (h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`, undefined, h);
    const analysis = async (h: Record<string, string>) =>
      (await fault(h)).body.deadlines.find((d: { kind: string }) => d.kind === 'analysis').reading;
    expect([await analysis(zh), await analysis(en)]).toEqual([
      '分析文档的截止时间是合同参数（4.9.2 未规定）',
      'analysis document due time is a contract parameter (4.9.2 names none)',
    ]);
  });
  it('when the ledger entry and the totals are read in zh-CN or en, then the fact the workflow wrote and the thresholds rights are Chinese or English', async () => {
    const entry = async (h: Record<string, string>) =>
      (
        await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`, undefined, h)
      ).body.items.find((e: { amountFen: string; basis: string }) => e.amountFen === '100000' && e.basis !== 'seeded');
    const [z, e] = [await entry(zh), await entry(en)];
    expect(e.fact).toMatch(
      new RegExp(`^fault ${caseId} \\(level 1\\): response deadline of clause 4\\.9\\.4 breached \\(fact \\d+\\)$`),
    );
    expect(z.fact).toMatch(new RegExp(`^故障 ${caseId}（1级）：条款 4\\.9\\.4 的响应时限超时（事实 \\d+）$`));
    const totals = (h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/ledger/totals?contractId=${contractId}`, undefined, h);
    const [tz, te] = [await totals(zh), await totals(en)];
    expect([tz.headers.get('content-language'), te.headers.get('content-language')]).toEqual(['zh-CN', 'en']);
    expect(tz.body.thresholds.map((t: { description: string }) => t.description)).toEqual([
      '累计金额超过合同金额的 5%：院方可解除合同并追回已付款项',
      '扣款达到合同金额的 20% 及以上：供应商违约；院方可解除合同并要求退还全部已付款项',
    ]);
    expect(te.body.thresholds[1].description).toBe(
      'deductions reaching 20% of the contract amount: the vendor is in breach; the hospital may terminate and demand all payments back',
    );
    const rights = await stack.call('auditor', 'GET', `/rights-events?contractId=${contractId}`, undefined, en);
    expect([rights.status, rights.headers.get('content-language')]).toEqual([200, 'en']);
  });
  it('when year 1 is released, then its payment notice carries the basis template, and each recipient reads the basis in their language', async () => {
    const row = await eventually(
      async () =>
        (
          await stack.db.pool.query(
            `SELECT key, topic, contract_id, subject, body FROM notifications_outbox WHERE contract_id = $1 AND topic = 'payment.released'`,
            [contractId],
          )
        ).rows[0],
    );
    expect([row.body.basisKey, row.body.basisParams]).toEqual(['payment.10.first-year', {}]);
    const m = { ...row, contractId, createdAtMs: Date.now() };
    const ctx = contextOf(m, undefined, stack.baseUrl);
    expect(renderMessage(m, ctx, 'zh-CN').text).toContain('依据：条款 10：第1年年费于合同签订后支付。');
    expect(renderMessage(m, ctx, 'en').text).toContain('Basis: clause 10: the fee of year 1 is paid after signing.');
  });
  it('when an entry written before templates (420) carries a platform basis and a platform status reason, then a Chinese reader reads both in Chinese', async () => {
    // failed before: GET /ledger/{id} (withTextsIn) answered the stored English basis, and its events' reasons as stored
    const { contractYear } = (await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`)).body
      .items[0];
    const why = "breach of response (clause 4.9.4) superseded: fulfilled in time by the fact's own time (fact 5)";
    await seedEntry(stack.db.pool, {
      id: 'le_pre420',
      contractId,
      year: contractYear,
      clause: '6.2.1',
      caseId,
      fact: 'an older entry',
      amountFen: '99900',
      statuses: ['proposed', 'withdrawn'],
      occurredAt: Date.now() - MIN,
      basis: EN_621,
      reasons: ['seeded', why],
    });
    const read = async (h: Record<string, string>) =>
      (await stack.call('auditor', 'GET', '/ledger/le_pre420', undefined, h)).body;
    const [z, e] = [await read(zh), await read(en)];
    expect([z.basis, z.events.map((x: { reason: string }) => x.reason)]).toEqual([
      ZH_621,
      ['seeded', '响应时限（条款 4.9.4）的超时被取代：已按事实本身的时间按时履行（事实 5）'],
    ]);
    expect([e.basis, e.events.map((x: { reason: string }) => x.reason)]).toEqual([EN_621, ['seeded', why]]);
  });
});
