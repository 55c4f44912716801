// What the recurring cycles' topics say, in Chinese (default) and English: the quarterly
// inspection (4.3, 4.6), customer care (4.1), the yearly acceptance (3, 8) and its clause-10
// payment. Pure.
import { renderBasis, type BasisTemplate } from '../i18n/basis';
import { BASIS_TEXT } from '../i18n/messages/ledger-basis';
import { writtenIn } from '../i18n/written';
import { type Sentence, TYPE_ZH, str } from './sentence-kit';

/** A payment's basis (clause 10) in the reader's language: from its template (460_payment_notice_basis.sql), else the stored English read back. */
function paymentBasis(b: Record<string, unknown>, zh: boolean): string {
  const key = b.basisKey;
  if (typeof key === 'string' && key in BASIS_TEXT)
    return renderBasis(
      { key: key as BasisTemplate['key'], params: (b.basisParams ?? {}) as Record<string, string> },
      zh ? 'zh-CN' : 'en',
    );
  return typeof b.basis === 'string' ? writtenIn(b.basis, zh ? 'zh-CN' : 'en') : '';
}

export const CYCLE_SENTENCES: Record<string, Sentence> = {
  'inspection.due': (b, w) =>
    w.zh
      ? { what: `${w.subject}已开始。`, todo: `请完成季度巡检并提交巡检报告，截止 ${w.at(b.dueAt)}（第 4.3 条）。` }
      : {
          what: `${w.subject} has started.`,
          todo: `Carry out the quarterly inspection and submit its report by ${w.at(b.dueAt)} (clause 4.3).`,
        },
  'inspection.report-submitted': (b, w) =>
    w.zh
      ? {
          what: `供应商于 ${w.at(b.submittedAt)} 提交了${w.subject}的巡检报告。`,
          todo: '请确认报告，或说明需修改之处（第 4.3 条）。',
        }
      : {
          what: `The vendor submitted the report of ${w.subject} at ${w.at(b.submittedAt)}.`,
          todo: 'Acknowledge it, or request changes (clause 4.3).',
        },
  'inspection.changes-requested': (b, w) =>
    w.zh
      ? { what: `医院要求修改${w.subject}的巡检报告。`, todo: '请修改后重新提交（第 4.3 条）。' }
      : {
          what: `The hospital requests changes to the report of ${w.subject}.`,
          todo: 'Revise and resubmit it (clause 4.3).',
        },
  'inspection.overdue': (b, w) =>
    w.zh
      ? {
          what: `${w.subject}的巡检报告已逾期（截止 ${w.at(b.dueAt)}）。`,
          todo: '已按第 6.2.1 条提出违约金，待医院审批人确认；请尽快提交（第 4.3 条）。',
        }
      : {
          what: `The report of ${w.subject} is overdue (due ${w.at(b.dueAt)}).`,
          todo: 'A penalty is proposed under clause 6.2.1 for the approver; submit it now (clause 4.3).',
        },
  'inspection.remediation-overdue': (b, w) => {
    const item = (b.item ?? {}) as Record<string, unknown>;
    return w.zh
      ? {
          what: `${w.subject}的整改项「${str(item.id)}」已逾期（截止 ${w.at(item.deadline)}）。`,
          todo: '请尽快完成整改（第 4.6 条）；医院审批人可另行提出违约金。',
        }
      : {
          what: `Remediation item ${str(item.id)} of ${w.subject} is overdue (due ${w.at(item.deadline)}).`,
          todo: 'Complete it now (clause 4.6); the approver may propose a penalty.',
        };
  },
  'care.due': (b, w) =>
    w.zh
      ? {
          what: `${w.subject}已开始，需回访 ${str(b.requiredVisits)} 次。`,
          todo: `请在 ${w.at(b.dueAt)} 前完成回访并邮寄产品资料（第 4.1 条）。`,
        }
      : {
          what: `${w.subject} has started: ${str(b.requiredVisits)} return visit(s) are required.`,
          todo: `Complete them and mail the product materials by ${w.at(b.dueAt)} (clause 4.1).`,
        },
  // A care log the vendor typed in after it happened (4.1, issue 10): it counts for the quarter at the stated time unless contested.
  'care.stated-time': (b, w) =>
    w.zh
      ? {
          what: `供应商声明${w.subject}的一次「${TYPE_ZH[str(b.type)] ?? str(b.type)}」发生于 ${w.at(b.occurredAt)}（录入于 ${w.at(b.recordedAt)}），按声明的时间计入该季度（第 4.1 条）。`,
          todo: `如有异议，请在 ${w.at(b.contestUntil)} 前提出（合同第 6 条，由医院审批人裁定；裁定后按裁定的时间重新判定该季度）。`,
        }
      : {
          what: `The vendor states that a ${str(b.type) === 'care.mailing' ? 'product-material mailing' : 'return visit'} of ${w.subject} happened at ${w.at(b.occurredAt)} (recorded ${w.at(b.recordedAt)}); it counts for the quarter at that time (clause 4.1).`,
          todo: `You may contest it until ${w.at(b.contestUntil)} (clause 6; the hospital approver decides and the quarter is judged again on the decided time).`,
        },
  'care.missed': (b, w) =>
    w.zh
      ? {
          what: `${w.subject}未完成：回访 ${str(b.visits)} 次，应为 ${str(b.required)} 次。`,
          todo: '已按第 6.2.1 条提出违约金，待医院审批人确认（第 4.1 条）。',
        }
      : {
          what: `${w.subject} was missed: ${str(b.visits)} of ${str(b.required)} visit(s).`,
          todo: 'A penalty is proposed under clause 6.2.1 for the approver (clause 4.1).',
        },
  'acceptance.open': (b, w) =>
    w.zh
      ? { what: `${w.subject}已开始：合同年度已结束。`, todo: '请供应商提交验收材料（运维记录等，第 3 条）。' }
      : {
          what: `${w.subject} is open: the contract year has ended.`,
          todo: 'The vendor submits the acceptance package (O&M record, clause 3).',
        },
  'acceptance.submitted': (b, w) =>
    w.zh
      ? {
          what: `供应商于 ${w.at(b.submittedAt)} 提交了${w.subject}的验收材料（第 ${str(b.round)} 轮）。`,
          todo: '请医院审批人审核并作出通过或不通过的决定（第 3、8 条）。',
        }
      : {
          what: `The vendor submitted the package of ${w.subject} at ${w.at(b.submittedAt)} (round ${str(b.round)}).`,
          todo: 'The hospital approver passes or fails it (clauses 3, 8).',
        },
  'acceptance.passed': (b, w) =>
    w.zh
      ? {
          what: `${w.subject}已通过。`,
          todo: `请双方签字盖章运维验收单（医院 2 份、供应商 1 份，第 8 条）${b.amountFen ? `；下一年度付款 ${w.yuan(b.amountFen)} 元已放行（第 10 条）` : ''}。`,
        }
      : {
          what: `${w.subject} passed.`,
          todo: `Both sides sign and seal the acceptance form (2 copies hospital, 1 vendor, clause 8)${b.amountFen ? `; next year's payment of CNY ${w.yuan(b.amountFen)} is released (clause 10)` : ''}.`,
        },
  'acceptance.failed': (b, w) =>
    w.zh
      ? {
          what: `${w.subject}未通过：${Array.isArray(b.reasons) ? b.reasons.join('；') : ''}。`,
          todo: '整改开始，本合同年度顺延至验收通过（第 3 条）。',
        }
      : {
          what: `${w.subject} failed: ${Array.isArray(b.reasons) ? b.reasons.join('; ') : ''}.`,
          todo: 'Rectification opens; the year runs on until a pass (clause 3).',
        },
  'payment.released': (b, w) =>
    w.zh
      ? {
          what: `第 ${str(b.contractYear)} 合同年度付款已放行：${w.yuan(b.amountFen)} 元（年费 ${w.yuan(b.feeFen)} 元，扣除已确认违约金 ${w.yuan(b.deductionsFen)} 元）。${paymentBasis(b, true) ? `依据：${paymentBasis(b, true)}。` : ''}`,
          todo: '请财务按合同第 10 条付款并登记。',
        }
      : {
          what: `The payment of contract year ${str(b.contractYear)} is released: CNY ${w.yuan(b.amountFen)} (fee ${w.yuan(b.feeFen)} less confirmed deductions ${w.yuan(b.deductionsFen)}).${paymentBasis(b, false) ? ` Basis: ${paymentBasis(b, false)}.` : ''}`,
          todo: 'Finance pays and records it (clause 10).',
        },
};
