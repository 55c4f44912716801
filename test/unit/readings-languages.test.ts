// Issue 15: the open readings of the contract (src/domain/readings.ts) in the reader's
// language. The English is the sentence served and written into histories before (pinned
// here word for word); records carrying the English are read back in Chinese by template.
import { faultDeadlines } from '../../src/domain/faults';
import { appliedReadings, remediationDaysText } from '../../src/domain/readings';
import { defaultTerms, mergeTerms } from '../../src/domain/terms';
import { writtenIn } from '../../src/i18n/written';

const other = mergeTerms({
  penalties: { otherCommitmentReading: '6.2.2', goLiveCounting: 'started' },
  faults: { onsiteClock: 'response' },
} as never);

describe('the applied readings in two languages', () => {
  it('when the readings are listed in English, then they are the sentences served before', () => {
    const r = appliedReadings(defaultTerms(), 'en');
    expect(r).toEqual(appliedReadings(defaultTerms()));
    expect(r[0]!.reading).toBe(
      '6.2.2 and 6.5 both price "other service commitments"; applied 6.5: a rate chosen by the hospital\'s approver by the loss caused, within 0.01%..0.1% of the contract amount',
    );
    expect(r[1]!.reading).toBe(
      '6.3 "每超期7天" read as each COMPLETED 7-day period after the extension (days 1-6 late: none; day 7: one period)',
    );
    expect(appliedReadings(other, 'en')[0]!.reading).toBe(
      '6.2.2 and 6.5 both price "other service commitments"; applied 6.2.2: a fixed 3% of the contract amount per occurrence',
    );
  });

  it('when the readings are listed in Chinese, then each sentence is Chinese with the same parameter, clause and value', () => {
    for (const terms of [defaultTerms(), other]) {
      const [zh, en] = [appliedReadings(terms, 'zh-CN'), appliedReadings(terms, 'en')];
      expect(zh.map(({ parameter, clause, value }) => [parameter, clause, value])).toEqual(
        en.map(({ parameter, clause, value }) => [parameter, clause, value]),
      );
      for (const r of zh) expect(r.reading).toMatch(/[\u4e00-\u9fff]{4}/);
    }
    const zh = appliedReadings(defaultTerms(), 'zh-CN');
    expect(zh[0]!.reading).toBe(
      '6.2.2 与 6.5 都对“其他服务承诺”定价；适用 6.5：由院方审批人按造成的损失在合同金额的 0.01%～0.1% 内选定比例',
    );
    expect(zh.find((r) => r.parameter === 'faults.onsiteClock')!.reading).toBe(
      '4.9.2：12 小时到场与 24 小时更换的时限自故障报告时起算',
    );
    expect(appliedReadings(other, 'zh-CN')[1]!.reading).toBe(
      '6.3“每超期7天”理解为延期后每开始一个 7 天期间即计一个期间（逾期第 1 天：一个期间）',
    );
  });

  it('when a record carries a reading in English, then it reads in Chinese as the readings list says it', () => {
    for (const terms of [defaultTerms(), other]) {
      const [zh, en] = [appliedReadings(terms, 'zh-CN'), appliedReadings(terms, 'en')];
      expect(en.map((r) => writtenIn(r.reading, 'zh-CN'))).toEqual(zh.map((r) => r.reading));
      expect(en.map((r) => writtenIn(r.reading, 'en'))).toEqual(en.map((r) => r.reading));
    }
    expect(writtenIn(remediationDaysText(45), 'zh-CN')).toBe(remediationDaysText(45, 'zh-CN'));
    const deadlines = (terms: typeof other) => faultDeadlines(0, 1, true, terms, 60_000).map((d) => d.reading);
    expect(deadlines(defaultTerms()).map((r) => writtenIn(r, 'zh-CN'))).toEqual([
      undefined,
      '分析文档的截止时间是合同参数（4.9.2 未规定）',
      '12 小时 / 24 小时自故障报告时起算（4.9.2 的开放解读）',
      '12 小时 / 24 小时自故障报告时起算（4.9.2 的开放解读）',
    ]);
    expect(writtenIn(deadlines(other)[2], 'zh-CN')).toBe('12 小时 / 24 小时自供应商响应时起算（4.9.2 的开放解读）');
    expect(writtenIn('a reading typed by a person', 'zh-CN')).toBe('a reading typed by a person');
  });
});
