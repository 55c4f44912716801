import * as path from 'node:path';
import { errorSites } from '../helpers/error-sites';
import { findMessage, localizeMessage, MESSAGES } from '../../src/i18n/catalogue';

const HAN = /[\u4e00-\u9fff]/;
// Helpers that compose a message from their parameters: their callers are the sites checked.
const COMPOSING = [
  'api/errors.ts: x not found',
  'api/errors.ts: x: x',
  'api/text.ts: x: x',
  'api/text.ts: x: field name x',
  'domain/calendar.ts: calendar year data is malformed: x x',
  'workflows/obligations/go-live-rules.ts: x; nothing more is recorded on this obligation',
];
const composing = (s: { where: string; message: string }) =>
  COMPOSING.includes(`${s.where.split(':')[0]}: ${s.message}`);
const sites = errorSites(path.join(__dirname, '../../src')).filter((s) => !composing(s));

// Messages made from values the syntax tree cannot follow, as they are raised.
const COMPOSED: [string, string][] = [
  ['INVALID_TEXT', 'note: must not contain a NUL character (U+0000)'],
  ['INVALID_TEXT', 'a.b: field name must not contain a lone UTF-16 surrogate (not valid Unicode text)'],
  ['NOT_FOUND', 'contract C-1 not found'],
  ['INVALID_CALENDAR', 'calendar year data is malformed: calendar.2026.holidays must be a list of YYYY-MM-DD dates'],
  [
    'OBLIGATION_CLOSED',
    'the contract ended on 2027-01-01T00:00:00.000Z (clause 3); nothing more is recorded on this obligation',
  ],
  [
    'OBLIGATION_CLOSED',
    'an amendment removed the go-live date (clause 3); nothing more is recorded on this obligation',
  ],
  ['SECOND_PERSON', 'ward-a proposed this change; a second person approves it (clause 3)'],
  ['SECOND_PERSON', 'ward-a proposed this change; a second person decides it (clause 3)'],
  [
    'SECOND_PERSON',
    'a change proposed by hospital-operator ward-a is approved by a hospital approver or a key of the vendor, not by finance (clause 3)',
  ],
  ['SECOND_PERSON', 'a change proposed by admin root is decided by a hospital approver, not by auditor (clause 3)'],
  [
    'ACTOR_UNVERIFIED',
    "the actor assertion is stale (signed more than 5 minutes ago) (clause 7: every action is the authenticated caller's)",
  ],
  ['INVALID_TERMS', 'faults.warningFractions: must be strictly ascending (clause 4.9.4)'],
];

describe('the error message catalogue (issue 15)', () => {
  it('when src/ is read, then it finds the error-raising sites', () => {
    expect(sites.length).toBeGreaterThan(200);
  });

  it('when any site raises its message, then the catalogue has the entry of its code with Chinese', () => {
    const missing = sites
      .filter((s) => !findMessage(s.code, s.message))
      .map((s) => `${s.where} ${s.code}: ${s.message}`);
    expect(missing).toEqual([]);
  });

  it.each(COMPOSED)('when %s says %p, then the catalogue has its Chinese', (code, message) => {
    expect(localizeMessage(code, message, 'zh-CN')).toMatch(HAN);
  });

  it('when an entry is written, then its Chinese is Chinese and uses only the values its English names', () => {
    for (const e of MESSAGES) {
      expect(`${e.code}: ${e.zh}`).toMatch(HAN);
      const names = (s: string) => [...s.matchAll(/\{([a-zA-Z0-9]+)\}/g)].map((m) => m[1]);
      for (const n of names(e.zh))
        expect(`${e.code} ${e.en}: ${n}`).toBe(`${e.code} ${e.en}: ${names(e.en).includes(n!) ? n : '(absent)'}`);
    }
  });

  it('when a message is localized, then English is kept as raised and Chinese carries the same values', () => {
    expect(localizeMessage('CONTRACT_NOT_FOUND', 'contract C-9 not found', 'en')).toBe('contract C-9 not found');
    expect(localizeMessage('CONTRACT_NOT_FOUND', 'contract C-9 not found', 'zh-CN')).toBe('合同 C-9 不存在');
    expect(
      localizeMessage(
        'NOT_RESOLVED',
        'the hospital confirms or reopens a resolved case; the case is responded',
        'zh-CN',
      ),
    ).toBe('院方只能确认或重新打开已解决的案件；案件当前已响应');
    expect(localizeMessage('FORBIDDEN', 'role auditor may not do this; allowed: admin, finance', 'zh-CN')).toBe(
      '角色 审计 无权执行此操作；允许的角色：管理员、财务',
    );
  });
});
