// Issue 15: the bases the platform writes on ledger entries and payments, and the thresholds'
// descriptions, in both languages (src/i18n/messages/ledger-basis.ts). Every key has a zh-CN and
// an en text with the same values; the English the domain writes is, word for word, the
// sentence the API answered before the templates (captured from the code before the change).
import { basisOf, localizedBasis, renderBasis } from '../../src/i18n/basis';
import { BASIS_TEXT, type BasisKey } from '../../src/i18n/messages/ledger-basis';
import {
  dongleFound,
  faultServicePenalty,
  goLivePenalty,
  otherCommitmentPenalty,
  rectificationLatePenalty,
  staffChangePenalty,
} from '../../src/domain/penalties';
import { goLivePeriodPenalty } from '../../src/domain/go-live';
import { paymentAmount } from '../../src/domain/payments';
import { rectificationRightEvent, thresholdsOf } from '../../src/domain/thresholds';

const AMOUNT = 123456789n;
const marks = (s: string) => [...s.matchAll(/\{([a-zA-Z0-9]+)\}/g)].map((m) => m[1]).sort();

describe('the basis catalogue', () => {
  it.each(Object.keys(BASIS_TEXT) as BasisKey[])(
    'when %s is rendered, then both languages carry the same values and the Chinese is Chinese',
    (key) => {
      const t = BASIS_TEXT[key];
      expect(marks(t['zh-CN'])).toEqual(marks(t.en));
      expect(t['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en).not.toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('when the domain writes a basis, then its English is the sentence the API answered before', () => {
    const now = {
      f621: faultServicePenalty(),
      f622: otherCommitmentPenalty(AMOUNT, undefined, '6.2.2'),
      f65: otherCommitmentPenalty(AMOUNT, '0.05', '6.5'),
      rect: rectificationLatePenalty(AMOUNT, 4),
      gl: goLivePenalty(AMOUNT, 15, 'completed'),
      gls: goLivePenalty(AMOUNT, 15, 'started'),
      dongle: dongleFound(),
      staff: staffChangePenalty(2),
      glp: goLivePeriodPenalty(AMOUNT, 2),
      pay: paymentAmount(5000000n, 120000n),
      payu: paymentAmount(100000n, 120000n),
    };
    const before: Record<keyof typeof now, string> = {
      f621: 'clause 6.2.1: a failure of 4.1 or 4.9.2 costs CNY 1,000.00 per occurrence',
      f622: 'clause 6.2.2: 3% of the contract amount CNY 1,234,567.89 = CNY 37,037.04',
      f65: "clause 6.5: 0.05% (approver's rate within 0.01%..0.1%) of the contract amount CNY 1,234,567.89 = CNY 617.28",
      rect: 'clause 6.3: rectification item 4 day(s) late × 0.3% per day of the contract amount CNY 1,234,567.89 = CNY 14,814.81',
      gl: 'clause 6.3: go-live 15 day(s) late after the extension = 2 completed 7-day period(s) × 5% of the contract amount CNY 1,234,567.89 = CNY 123,456.79',
      gls: 'clause 6.3: go-live 15 day(s) late after the extension = 3 started 7-day period(s) × 5% of the contract amount CNY 1,234,567.89 = CNY 185,185.18',
      dongle:
        'clause 6.6: a dongle, time lock or licence code restricting operation costs CNY 50,000.00; the hospital may also demand all payments back',
      staff:
        "clause 6.7: 2 engineer(s) changed without 7 working days' notice and written approval × CNY 1,000.00 per person per time = CNY 2,000.00",
      glp: 'clause 6.3: go-live period 2, charged at 14 day(s) late after the extension: 5% of the contract amount CNY 1,234,567.89 per period; 2 period(s) = CNY 123,456.79 rounded once, this entry CNY 61,728.40',
      pay: 'clause 10: yearly fee CNY 50,000.00 less confirmed deductions CNY 1,200.00 (clause 6)',
      payu: 'clause 10: yearly fee CNY 1,000.00 less confirmed deductions CNY 1,200.00 (clause 6); CNY 200.00 of deductions exceed the fee and remain open',
    };
    for (const [name, item] of Object.entries(now)) {
      expect([name, item.basis]).toEqual([name, before[name as keyof typeof now]]);
      expect([name, renderBasis(item.basisTemplate, 'en')]).toEqual([name, item.basis]);
    }
    expect(thresholdsOf().map((t) => t.description)).toEqual([
      'cumulative amounts over 5% of the contract amount: the hospital may terminate and recover payments',
      'deductions reaching 20% of the contract amount: the vendor is in breach; the hospital may terminate and demand all payments back',
    ]);
    expect(thresholdsOf().map((t) => renderBasis(t.descriptionTemplate, 'en'))).toEqual(
      thresholdsOf().map((t) => t.description),
    );
    expect(rectificationRightEvent(31)?.description).toBe(
      'a rectification item 31 days late, more than 30: the hospital may terminate the contract',
    );
  });

  it('when a basis is read in Chinese, then amounts are yuan with 元 and the values are the same', () => {
    expect(renderBasis(faultServicePenalty().basisTemplate, 'zh-CN')).toBe(
      '条款 6.2.1：未履行 4.1 或 4.9.2 的约定，每次 1,000.00 元',
    );
    expect(renderBasis(paymentAmount(100000n, 120000n).basisTemplate, 'zh-CN')).toBe(
      '条款 10：年费 1,000.00 元 扣除已确认扣款 1,200.00 元（条款 6）；超出年费的扣款 200.00 元 仍未结清',
    );
    expect(
      renderBasis(basisOf('correction.withdrawal', { entryId: 'le_1', amountFen: -100000n }).basisTemplate, 'zh-CN'),
    ).toBe('冲正 le_1，金额 -1,000.00 元');
  });

  it('when a row has no template (written before it, or typed by a person), then its stored text is shown in every language', () => {
    expect(localizedBasis({ basis: '院方手工录入', basisTemplate: null }, 'en')).toBe('院方手工录入');
    expect(
      localizedBasis({ basis: 'typed', basisTemplate: { key: 'no-such-key' as BasisKey, params: {} } }, 'zh-CN'),
    ).toBe('typed');
  });
});
