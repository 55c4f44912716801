// Issue 15: what the platform wrote into a record in English (a ledger entry's fact, a
// withdrawal's cause, a rights event's texts) is read in the reader's language; the English
// stays word for word what histories and rows carry.
import { goLiveProposedBreachEvent } from '../../src/domain/go-live';
import { dongleException, type HospitalChange } from '../../src/domain/obligations';
import { paymentGate } from '../../src/domain/payments';
import { renderBasis } from '../../src/i18n/basis';
import { englishIn } from '../helpers/english-sweep';
import { thresholdsOf } from '../../src/domain/thresholds';
import { WRITTEN_TEXT } from '../../src/i18n/messages/written';
import { fill } from '../../src/i18n/report-text';
import { rightsEventIn } from '../../src/i18n/rights';
import { recordTextsIn } from '../../src/i18n/record-texts';
import { writtenIn } from '../../src/i18n/written';

describe('sentences the platform wrote, in the reader language', () => {
  it('when each written template is filled and read in Chinese, then its own Chinese comes back (no template shadows another)', () => {
    for (const t of WRITTEN_TEXT) {
      const values = Object.fromEntries([...t.en.matchAll(/\{(\w+)\}/g)].map((m, i) => [m[1]!, `v${i}x`]));
      expect(writtenIn(fill(t.en, values), 'zh-CN')).toBe(fill(t['zh-CN'], values));
      expect(writtenIn(fill(t.en, values), 'en')).toBe(fill(t.en, values));
    }
  });

  it.each([
    [
      'fault fault:C-1:7 (level 1): response deadline of clause 4.9.4 breached (fact 3)',
      '故障 fault:C-1:7（1级）：条款 4.9.4 的响应时限超时（事实 3）',
    ],
    [
      'go-live not recorded by 2026-07-01 (extended from 2026-06-01): period 2 late',
      '截至 2026-07-01（由 2026-06-01 延期）未记录上线：第 2 个期间逾期',
    ],
    ['go-live not recorded by 2026-06-01: period 2 late', '截至 2026-06-01 未记录上线：第 2 个期间逾期'],
    [
      'superseded by fact 9: the system was live at 2026-06-03T01:00:00.000Z; the periods still charged (CNY 1,234.50) are below 20% of the contract amount (6.3)',
      '被事实 9 取代：系统已于 2026-06-03 09:00 +08:00 上线；仍计收的期间（1,234.50 元）低于合同金额的 20%（6.3）',
    ],
    ['superseded by fact 4 of svc:C-1:2: the request is accepted', '被 svc:C-1:2 的事实 4 取代：该请求已接受'],
    ['compensation of le_1: 服务台登记晚了', '冲正 le_1：服务台登记晚了'],
    [
      'engineer change short effective 2026-03-02: notice of 3 working day(s) before 2026-03-02, 5 required (4.2); no written approval by the hospital before the change took effect (4.2)',
      '驻场工程师变更 short（2026-03-02 生效）：在 2026-03-02 前 3 个工作日通知，应为 5 个（4.2）；变更生效前院方未书面批准（4.2）',
    ],
    [
      'clause 6.6: a dongle, time lock or licence code restricting operation costs CNY 50,000.00; the hospital may also demand all payments back',
      '条款 6.6：设置限制正常运行的加密狗、时间锁或授权码，罚 50,000.00 元；院方还可要求退还全部已付款项',
    ],
    [
      "breach of response (clause 4.9.4) superseded: fulfilled in time by the fact's own time (fact 7)",
      '响应时限（条款 4.9.4）的超时被取代：已按事实本身的时间按时履行（事实 7）',
    ],
    [
      'breach of onsite:2 (clause 4.9.2) superseded: the fault was resolved before the deadline (4.9.2 applies only while unresolved) (fact 12)',
      '工程师到场（第 2 轮）时限（条款 4.9.2）的超时被取代：故障已在时限前解决（4.9.2 仅在故障未解决时适用）（事实 12）',
    ],
    [
      'breach of analysis (clause 4.9.4) superseded: the deadline moved later (decided report time)',
      '提交故障分析说明时限（条款 4.9.4）的超时被取代：时限已推后（裁定的报告时间）',
    ],
    [
      '6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under 6.5',
      '6.3 规定 7 个工作日的计划期限，但只对逾期条目定价；未提交计划属于“其他服务承诺未履行”，按 6.5 定价',
    ],
    [
      'deadline PROVISIONAL (calendar year(s) 2027 not loaded; Mon-Fri assumed); 6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under 6.2.2',
      '期限暂定（2027 年的日历未加载，按周一至周五计）；6.3 规定 7 个工作日的计划期限，但只对逾期条目定价；未提交计划属于“其他服务承诺未履行”，按 6.2.2 定价',
    ],
    ['a reason typed by a person', 'a reason typed by a person'],
  ])('when %s is read in Chinese, then it reads %s', (en, zh) => {
    expect(writtenIn(en, 'zh-CN')).toBe(zh);
  });

  it("when year 2's fee is refused for want of year 1's pass and read in Chinese, then the sweep finds no English sentence in it (clause 10)", () => {
    const gate = paymentGate(2, new Set());
    // the English is word for word what 004_cycles.sql raises for the same refusal
    expect(gate.reason).toBe('clause 10: the fee of year 2 is paid only on the passing acceptance of year 1');
    const zh = { read: writtenIn(gate.reason, 'zh-CN'), rendered: renderBasis(gate.reasonTemplate!, 'zh-CN') };
    expect(zh.read).toBe('条款 10：第2合同年的年费仅在第1合同年验收通过后支付');
    expect(englishIn('paymentGate', zh)).toEqual([]);
  });

  it('when a fault case record with a superseded breach is read, then its withdrawn penalty says why in the reader language and the English as stored', () => {
    const withdrawn = "breach of response (clause 4.9.4) superseded: fulfilled in time by the fact's own time (fact 7)";
    const penalties = [
      { key: 'k', deadlineId: 'response', withdrawn },
      { key: 'k2', deadlineId: 'onsite' },
    ];
    expect(recordTextsIn(penalties, 'zh-CN').map((p) => p.withdrawn)).toEqual([
      '响应时限（条款 4.9.4）的超时被取代：已按事实本身的时间按时履行（事实 7）',
      undefined,
    ]);
    expect(recordTextsIn(penalties, 'en')).toEqual(penalties);
  });

  it('when a rights event is read, then the threshold right, the go-live note and the withdrawal cause are in the reader language', () => {
    const [, deduction] = thresholdsOf();
    const threshold = {
      clause: '6.3',
      numbers: { thresholdPercent: '20', description: deduction!.description, confirmed: 'CNY 9.00' },
      withdrawn: null,
    };
    expect(rightsEventIn(threshold, 'zh-CN').numbers.description).toBe(
      '扣款达到合同金额的 20% 及以上：供应商违约；院方可解除合同并要求退还全部已付款项',
    );
    expect(rightsEventIn(threshold, 'en').numbers).toEqual(threshold.numbers);
    const advance = goLiveProposedBreachEvent('C-1', 2469135780n, 12345678900n, 4);
    const event = {
      clause: '6.3',
      numbers: advance.numbers,
      withdrawn: {
        at: '2026-06-03T09:00:00.000+08:00',
        cause: 'superseded by fact 9: the system was live at 2026-06-03T01:00:00.000Z, before period 5 began (6.3)',
      },
    };
    const zh = rightsEventIn(event, 'zh-CN');
    expect(zh.numbers.note).toBe(
      '按条款 6.3 提议的上线扣款（24,691,357.80 元，4 个期间）已达合同金额 123,456,789.00 元 的 20%，尚未确认。经确认的扣款达到 20% 时确立 6.3 的违约权利（解除合同并要求退还全部已付款项），作为权利事件 C-1:threshold-20 记录一次',
    );
    expect(zh.withdrawn!.cause).toBe(
      '被事实 9 取代：系统已于 2026-06-03 09:00 +08:00 上线，早于第 5 个期间开始（6.3）',
    );
    expect(rightsEventIn(event, 'en')).toEqual(event);
    expect(advance.numbers.note).toBe(
      'go-live deductions PROPOSED under clause 6.3 (CNY 24,691,357.80, 4 period(s)) reached 20% of the contract amount CNY 123,456,789.00; they are not yet confirmed. The breach right of 6.3 (terminate and demand all payments back) is established when CONFIRMED deductions reach 20%, recorded once as rights event C-1:threshold-20',
    );
  });

  it('when a 6.6 finding is judged on each branch of the exception and read in Chinese, then its reason and its ledger fact have no English sentence, and the English stays as stored', () => {
    const at = (d: number) => new Date(Date.UTC(2026, 5, d, 2)).toISOString();
    const changes: HospitalChange[] = [
      { changeId: 'hc-late', kind: 'server', changedAt: at(10), notifiedAt: at(8) },
      { changeId: 'hc-early', kind: 'ip', changedAt: at(10), notifiedAt: at(1) },
      { changeId: 'hc-after', kind: 'mac', changedAt: at(20), notifiedAt: at(19) },
    ];
    const found = Date.parse(at(15));
    const reasons = [undefined, 'hc-missing', 'hc-after', 'hc-early', 'hc-late'].map(
      (id) => dongleException(id, found, changes).reason,
    );
    // what dongle.ts writes for a penalised finding: the typed description, then the reason
    const fact = `a dongle, time lock or licence code restricting operation was found: 门诊加密狗 (${reasons[0]})`;
    const zh = { reasons: reasons.map((r) => writtenIn(r, 'zh-CN')), fact: writtenIn(fact, 'zh-CN') };
    expect(englishIn('dongle finding', zh)).toEqual([]);
    expect(zh.reasons[1]).toBe('医院变更 hc-missing 未在平台登记（条款 6.6）');
    expect(zh.reasons[4]).toBe(
      '医院于 2026-06-10 10:00 +08:00 变更了服务器，通知时间为 2026-06-08 10:00 +08:00，提前不足一周：供应商免责（条款 6.6 例外）',
    );
    expect(zh.fact).toBe(
      '发现限制正常运行的加密狗、时间锁或授权码：门诊加密狗（未引用医院对 MAC、IP、网络或服务器的变更（条款 6.6））',
    );
    expect(reasons.map((r) => writtenIn(r, 'en'))).toEqual(reasons);
  });

  it.each([
    [
      "the request's time was decided as 2026-03-02T01:00:00.000Z: notice and approval in time (4.2)",
      '请求时间已裁定为 2026-03-02 09:00 +08:00：通知和批准均及时（4.2）',
    ],
    [
      'rectification item it-1 done 3 day(s) after its due date 2026-05-01 (time decided)',
      '整改条目 it-1 在截止日期 2026-05-01 后 3 天完成（时间经裁定）',
    ],
    [
      'withdrawal of le_2: superseded by fact 4 of svc:C-1:2: the request is accepted',
      '撤回 le_2：被 svc:C-1:2 的事实 4 取代：该请求已接受',
    ],
    [
      'a dongle, time lock or licence code restricting operation was found: network (no hospital change of MAC, IP, network or server is cited (clause 6.6))',
      '发现限制正常运行的加密狗、时间锁或授权码：network（未引用医院对 MAC、IP、网络或服务器的变更（条款 6.6））',
    ],
  ])('when the written sentence %s is read in Chinese, then it reads %s', (en, zh) => {
    expect(writtenIn(en, 'zh-CN')).toBe(zh);
  });

  it("when an obligation's history with superseded deadlines is read in Chinese, then each action keeps its code and says why in Chinese, and the English stays as stored", () => {
    const history = [
      {
        at: '2026-06-01T10:00:00.000+08:00',
        actor: 'platform',
        action: 'deadline.superseded (a declaration stated before the deadline)',
        factSeq: 4,
      },
      {
        at: '2026-06-02T10:00:00.000+08:00',
        actor: 'platform',
        action: 'item.right-superseded (item it-2 was done before its 30-day mark)',
        factSeq: 5,
      },
      { at: '2026-06-03T10:00:00.000+08:00', actor: 'platform', action: 'calendar.reloaded', factSeq: 6 },
    ];
    const zh = recordTextsIn(history, 'zh-CN');
    expect(zh.map((h) => h.action)).toEqual([
      'deadline.superseded（声明陈述的时间早于期限）',
      'item.right-superseded（条目 it-2 在逾期满 30 天前已完成）',
      'calendar.reloaded',
    ]);
    expect(englishIn('history', zh)).toEqual([]);
    expect(recordTextsIn(history, 'en')).toEqual(history);
  });
});
