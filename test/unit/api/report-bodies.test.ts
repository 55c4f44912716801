// Issue 15 item 1: a report's JSON is declared whole (src/api/routes/report-schemas.ts), so the
// response check refuses a body that is only the head, a raw row (a column nobody declared) or
// an instant not at +08:00. Before, ReportHead was .passthrough() and each of these passed.
import '../../../src/api/routes';
import { declaredRoutes } from '../../../src/api/route';
import { responseMismatch } from '../../../src/api/response-check';

const route = declaredRoutes().find((r) => r.key === 'GET /contracts/{id}/reports/sla')!;
const head = {
  report: 'sla',
  contractId: 'c1',
  year: 1,
  from: '2025-01-02T09:00:00+08:00',
  to: '2026-01-02T09:00:00+08:00',
  generatedAt: '2026-03-01T10:00:00+08:00',
  recordHead: null,
  language: 'zh-CN',
  printed: { title: 'SLA 达标报告', period: '…', summary: [], tables: [] },
};
const line = {
  period: '2025-01',
  periodLabel: '2025年1月',
  from: '2025-01-02T09:00:00+08:00',
  to: '2025-02-02T09:00:00+08:00',
  level: 1,
  cases: 2,
  regraded: 0,
  reopened: 0,
  responseMet: 1,
  responseBreached: 1,
  responseOpen: 0,
  medianResponseMs: 900_000,
  p90ResponseMs: null,
  onsiteDue: 0,
  onsiteMet: 0,
  onsiteBreached: 0,
  replacementDue: 0,
  replacementMet: 0,
  replacementBreached: 0,
  exclusionsClaimed: 0,
  exclusionsAccepted: 0,
};
const body = { ...head, by: 'month', yearComplete: true, readings: ['…'], rows: [line] };

describe('the SLA report body', () => {
  it('when every field is as declared, then there is no mismatch', () => {
    expect(route).toBeDefined();
    expect(responseMismatch(route, 200, body)).toBeNull();
  });
  it.each([
    ['only the head', head, /^(by|yearComplete|readings|rows):/],
    ['a language that is none', { ...body, language: 'fr' }, /^language:/],
    [
      'a raw column in a row',
      { ...body, rows: [{ ...line, sla_response_due_ms: 1 }] },
      /^rows\.0: .*sla_response_due_ms/,
    ],
    ['a field beside the declared ones', { ...body, extra: 1 }, /^\(body\): .*extra/],
    ['a level that is none', { ...body, rows: [{ ...line, level: 6 }] }, /^rows\.0\.level:/],
    ['an instant in UTC', { ...body, rows: [{ ...line, from: '2025-01-02T01:00:00Z' }] }, /^rows\.0\.from:/],
  ])('when the body has %s, then the mismatch names it', (_what, wrong, problem) => {
    expect(responseMismatch(route, 200, wrong)).toMatch(problem);
  });
});
