import { defaultTerms } from '../../src/domain/terms';
import { endOfShanghaiDay } from '../../src/domain/time';
import { writtenIn } from '../../src/i18n/written';
import { englishIn } from '../helpers/english-sweep';
import { awaiting, breachFact, nextWakeMs, statusOf, verdict, warnAtMs } from '../../src/workflows/service/duties';
import type { Delivery, ServiceRequestState } from '../../src/workflows/service/messages';
import { initialServiceState } from '../../src/workflows/service/open';

// Issue 18: the verdict of a service request is a pure function of its facts and the time,
// driven here across its due end (24:00 Asia/Shanghai of the agreed date).
const DUE = '2026-05-31';
const END = endOfShanghaiDay(DUE);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

function state(over: Partial<ServiceRequestState> = {}): ServiceRequestState {
  const raised = initialServiceState({
    contractId: 'C-1',
    requestId: 'r1',
    clause: '4.7',
    origin: 'raised',
    title: 'manuals',
    description: 'deliver the manuals',
    documents: [],
    raisedAt: iso(END - 30 * 24 * H),
    raisedBy: { name: 'Nurse Li', role: 'hospital-operator' },
  });
  return {
    ...raised,
    termsVersion: 1,
    status: 'open',
    due: { date: DUE, proposedBy: 'hospital', by: 'Nurse Li', at: iso(END - 30 * 24 * H), factSeq: 2 },
    acknowledged: { by: 'Wang', at: iso(END - 29 * 24 * H) },
    ...over,
  };
}
const delivery = (atMs: number, review?: 'accepted' | 'sent-back', reviewMs = atMs + H): Delivery => ({
  n: 1,
  at: iso(atMs),
  by: 'Wang',
  evidence: [{ documentRef: `doc_${'a'.repeat(32)}@1`, sha256: 'b'.repeat(64) }],
  factSeq: 5,
  ...(review ? { review: { decision: review, by: 'Li', at: iso(reviewMs), factSeq: 6 } } : {}),
});

describe('the verdict of a service request', () => {
  it.each([
    ['nothing delivered, a minute before the due end', 'pending', [], END - 60_000],
    ['nothing delivered, at the due end', 'late', [], END],
    ['delivered before, not reviewed, after the due end', 'pending', [delivery(END - H)], END + 5 * H],
    ['delivered before, accepted after the due end', 'met', [delivery(END - H, 'accepted', END + 5 * H)], END + 6 * H],
    [
      'delivered before, sent back after the due end',
      'late',
      [delivery(END - H, 'sent-back', END + 5 * H)],
      END + 6 * H,
    ],
    ['delivered one ms before the due end, accepted', 'met', [delivery(END - 1, 'accepted')], END + 2 * H],
    ['delivered at the due end, accepted', 'late', [delivery(END, 'accepted')], END + 2 * H],
  ] as const)('when %s, then it is %s', (_what, expected, deliveries, nowMs) => {
    expect(verdict(state({ deliveries: [...deliveries] }), nowMs)).toBe(expected);
  });

  it('when no due date is agreed, then nothing is judged and the other party is awaited', () => {
    const s = state({
      due: null,
      dueProposal: { date: DUE, proposedBy: 'hospital', by: 'Li', at: iso(END - 40 * H), factSeq: 1 },
    });
    expect(verdict(s, END + 99 * H)).toBe('no-due-date');
    expect(awaiting(s)).toBe('vendor');
    expect(statusOf(s)).toBe('awaiting-due-date');
  });

  it('when an agreed large change (5.4) is past its date, then it is out of the free scope, never late', () => {
    const s = state({
      clause: '5.4',
      largeChange: {
        claimedBy: 'Wang',
        claimedAt: iso(END - 48 * H),
        reason: 'big',
        factSeq: 4,
        decision: { outcome: 'agreed', by: 'Zhao', at: iso(END - 24 * H), reason: 'ok', separateTerms: 'CNY 1' },
      },
    });
    expect(verdict(s, END + H)).toBe('out-of-free-scope');
    expect(nextWakeMs(s, defaultTerms(), END - H)).toBeNull();
  });

  it('when a licence is registered, then it is warned licenceWarnDays before its lapse, then judged at the lapse', () => {
    const s = state({ clause: '4.4', licence: { name: 'db', expiresOn: DUE } });
    const t = defaultTerms();
    expect(warnAtMs(s, t)).toBe(END - 30 * 24 * H);
    expect(nextWakeMs(s, t, END - 40 * 24 * H)).toBe(END - 30 * 24 * H);
    expect(nextWakeMs({ ...s, warnedAt: iso(END - 30 * 24 * H) }, t, END - 29 * 24 * H)).toBe(END);
    expect(warnAtMs(s, { ...t, services: { licenceWarnDays: 7 } })).toBe(END - 7 * 24 * H);
  });
});

describe("a service request's breach as its ledger entry cites it (issue 15)", () => {
  it('when the late and the undelivered request and a lapsed licence are read in Chinese, then their facts have no English sentence, and the English stays as written', () => {
    const late = state({ deliveries: [delivery(END + H, 'accepted')] });
    const licence = state({ licence: { name: 'PACS 授权', expiresOn: DUE } });
    const facts = [breachFact(late, 'late'), breachFact(state(), 'late'), breachFact(licence, 'late')];
    const zh = facts.map((f) => writtenIn(f, 'zh-CN'));
    expect(englishIn('service breach', zh, ['manuals'])).toEqual([]);
    expect(zh).toEqual([
      '服务请求 r1“manuals”（条款 4.7）于 2026-06-01 01:00 +08:00 交付，晚于约定的截止日期 2026-05-31：属于其他服务承诺未履行',
      '服务请求 r1“manuals”（条款 4.7）未在约定的截止日期 2026-05-31 前交付并验收：属于其他服务承诺未履行',
      '许可证“PACS 授权”已失效：未在 2026-05-31 结束前续期（条款 4.4）：属于其他服务承诺未履行',
    ]);
    expect(facts.map((f) => writtenIn(f, 'en'))).toEqual(facts);
  });
});
