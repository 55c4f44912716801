// Issue 15: one function reads any record the platform wrote back in the reader's language
// (src/i18n/record-texts.ts): a ledger row, a payment, a case state, a fault's deadlines, at any
// depth; a basis from its template, or by template when it has none (a row of before 420).
import { basisOf } from '../../src/i18n/basis';
import { recordTextsIn } from '../../src/i18n/record-texts';
import { subjectIn } from '../../src/notify/message-subject';

const EN_621 = 'clause 6.2.1: a failure of 4.1 or 4.9.2 costs CNY 1,000.00 per occurrence';
const ZH_621 = '条款 6.2.1：未履行 4.1 或 4.9.2 的约定，每次 1,000.00 元';

describe('a record in the reader language', () => {
  it('when a ledger row with its basis template is read, then the basis renders from it in Chinese and English', () => {
    const row = { id: 'le_1', ...basisOf('penalty.6.2.1', { amountFen: 100000n }), statusReason: null };
    expect(recordTextsIn(row, 'zh-CN').basis).toBe(ZH_621);
    expect(recordTextsIn(row, 'en')).toEqual(row);
  });

  it('when a row written before templates (420) carries a platform basis, then a Chinese reader reads it in Chinese', () => {
    // failed before: withTextsIn (the ledger reads) answered the stored English to a Chinese reader
    const old = { id: 'le_old', basis: EN_621, basisTemplate: null, fact: 'typed by a person' };
    expect(recordTextsIn(old, 'zh-CN')).toEqual({ ...old, basis: ZH_621 });
    expect(recordTextsIn(old, 'en')).toEqual(old);
  });

  it('when a basis was typed by a person, then it stays as typed in every language', () => {
    const typed = { basis: '院方手工录入', basisTemplate: null, reason: 'as agreed on the phone' };
    expect(recordTextsIn(typed, 'zh-CN')).toEqual(typed);
    expect(recordTextsIn(typed, 'en')).toEqual(typed);
  });

  it("when a fault's deadlines are read, then the note and the void the workflow wrote are Chinese, nested texts too", () => {
    const state = {
      deadlines: [
        {
          id: 'onsite',
          note: 'the fault was resolved before the deadline (4.9.2 applies only while unresolved)',
          voided: 'no longer applies: reopened: the 12 h / 24 h clocks restart (round 2)',
        },
        {
          id: 'replacement',
          voided: 'no longer applies: re-graded from level 2 to 3; deadlines recomputed from the report time',
        },
      ],
      timeline: [
        {
          seq: 4,
          detail: {
            note: '远程处理',
            why: 'response recorded',
            penalty: 'none: exclusion accepted (network), clause 4.9.2',
          },
        },
      ],
    };
    expect(recordTextsIn(state, 'zh-CN')).toEqual({
      deadlines: [
        {
          id: 'onsite',
          note: '故障已在时限前解决（4.9.2 仅在故障未解决时适用）',
          voided: '不再适用：已重新打开：12 小时 / 24 小时时限重新起算（第 2 轮）',
        },
        { id: 'replacement', voided: '不再适用：由 2 级改为 3 级；各时限按报告时间重新计算' },
      ],
      timeline: [
        { seq: 4, detail: { note: '远程处理', why: '已记录响应', penalty: '无：免责已接受（网络原因），条款 4.9.2' } },
      ],
    });
    expect(recordTextsIn(state, 'en')).toEqual(state);
  });
});

describe('what an onboarding wrote, in the reader language', () => {
  it('when an entered past is read in Chinese, then who entered it and the reasons onboarding wrote are Chinese; the key name stays', () => {
    // failed before: the '(entered at onboarding)' actors and these reasons came back in English
    const answer = {
      unpriced: [
        { reason: "a missed plan is another service commitment not kept: the hospital's approver chooses the rate" },
      ],
      history: [
        {
          by: 'admin (entered at onboarding)',
          actor: 'Wang',
          reason: 'acceptance of year 1 failed (entered at onboarding) (clause 3)',
        },
      ],
    };
    expect(recordTextsIn(answer, 'zh-CN')).toEqual({
      unpriced: [{ reason: '未提交计划属于“其他服务承诺未履行”：比例由院方审批人选定' }],
      history: [{ by: 'admin（录入时登记）', actor: 'Wang', reason: '第1合同年验收未通过（录入）（条款 3）' }],
    });
    expect(recordTextsIn(answer, 'en')).toEqual(answer);
  });
});

describe('the ids inside a written sentence', () => {
  it('when an item or a request has an id that is also a word (late, open), then the Chinese keeps the id as it is', () => {
    // failed before: 整改条目 已逾期 在截止日期… (the glossary translated the id 'late')
    const entry = {
      fact: 'rectification item late done 3 day(s) after its due date 2026-02-26',
      reason: 'compensation of open: typo',
    };
    expect(recordTextsIn(entry, 'zh-CN')).toEqual({
      fact: '整改条目 late 在截止日期 2026-02-26 后 3 天完成',
      reason: '冲正 open：typo',
    });
  });
});

describe("a notification's subject in the reader language", () => {
  const msg = {
    topic: 'fault.breach-superseded',
    contractId: 'C-1',
    subject: 'Fault fault:C-1:7: the vendor response breach (clause 4.9.4) is superseded by the facts',
    body: { caseId: 'fault:C-1:7', deadline: 'response', why: "fulfilled in time by the fact's own time" },
  };
  it('when it is read in Chinese, then it names the topic and the case in Chinese; in English as the workflow wrote it', () => {
    expect(subjectIn(msg, 'zh-CN')).toBe('违约被事实取代，违约金撤回：fault:C-1:7');
    expect(subjectIn(msg, 'en')).toBe(msg.subject);
    expect(
      subjectIn({ ...msg, topic: 'inspection.overdue', body: { workflowId: 'inspection:C-1:1Q2' } }, 'zh-CN'),
    ).toBe('季度巡检报告逾期：第 1 合同年度第 2 季度巡检');
  });
});
