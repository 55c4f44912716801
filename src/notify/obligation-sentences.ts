// What the signing obligations' and the rights' topics say, in Chinese (default) and English:
// staff changes (4.2, 6.7), rights events and their withdrawal (6.3-6.7), the 6.3 plan, the
// dongle's 6.6 exception. Pure.
import { writtenIn } from '../i18n/written';
import { type Sentence, str } from './sentence-kit';

const RIGHT_ZH: Record<string, string> = {
  'breach-terminate-refund': '认定供应商违约、解除合同并要求退还已付全部款项',
  'terminate-and-recover': '解除合同并追偿损失',
  terminate: '解除合同',
  'demand-payments-back': '要求退还已付全部款项',
  'breach-terminate-refund-pending-confirmation': '在建议扣款确认后认定违约、解除合同并要求退还已付款项',
};
const OUTCOME_ZH: Record<string, string> = {
  approved: '已批准',
  refused: '未获批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
  applied: '已批准并生效',
  expired: '已失效',
};

export const OBLIGATION_SENTENCES: Record<string, Sentence> = {
  'staff.change-requested': (b, w) =>
    w.zh
      ? {
          what: `供应商申请人员变更 ${str(b.requestId)}，生效日期 ${str(b.effectiveDate)}。`,
          todo: '请书面审批（第 4.2 条：提前 7 个工作日通知并经书面同意）。',
        }
      : {
          what: `The vendor requests staff change ${str(b.requestId)}, effective ${str(b.effectiveDate)}.`,
          todo: "Approve or reject it in writing (clause 4.2: 7 working days' notice).",
        },
  'staff.change-decided': (b, w) =>
    w.zh
      ? {
          what: `人员变更 ${str(b.requestId)} ${OUTCOME_ZH[str(b.outcome)] ?? str(b.outcome)}。`,
          todo: '依据合同第 4.2 条。',
        }
      : { what: `Staff change ${str(b.requestId)}: ${str(b.outcome)}.`, todo: 'Under clause 4.2.' },
  'staff.unannounced': (b, w) =>
    w.zh
      ? {
          what: `发现未经通知的人员变更 ${str(b.requestId)}（生效 ${str(b.effectiveDate)}）。`,
          todo: '按第 6.7 条每人每次违约金 1000 元，待医院审批人处理。',
        }
      : {
          what: `An unannounced staff change ${str(b.requestId)} (effective ${str(b.effectiveDate)}).`,
          todo: 'Clause 6.7: CNY 1,000 per person per time, for the approver.',
        },
  'rights-event': (b, w) => {
    const n = (b.numbers ?? {}) as Record<string, unknown>;
    const pending = str(b.right).endsWith('-pending-confirmation');
    const figures =
      n.confirmedFen !== undefined
        ? w.zh
          ? `已确认扣款累计 ${w.yuan(n.confirmedFen)} 元，合同金额 ${w.yuan(n.contractAmountFen)} 元，`
          : `confirmed deductions CNY ${w.yuan(n.confirmedFen)} of the contract's CNY ${w.yuan(n.contractAmountFen)}; `
        : '';
    return w.zh
      ? {
          what: `合同 ${w.subject}：${figures}${n.thresholdPercent !== undefined ? `${n.comparison === 'exceeding' ? '超过' : '达到'} ${str(n.thresholdPercent)}%，` : ''}${pending ? '一旦确认，' : ''}医院可以${RIGHT_ZH[str(b.right)] ?? str(b.right)}（第 ${str(b.clause)} 条）。`,
          todo: '请医院审批人与财务决定是否行使该权利。',
        }
      : {
          what: `Contract ${w.subject}: ${figures}${pending ? 'once confirmed, ' : ''}the hospital may exercise its right under clause ${str(b.clause)} (${str(b.right)}).`,
          todo: 'The approver and finance decide whether to exercise it.',
        };
  },
  // Issue 10: the breach that raised a rights event was superseded; the event stands in the record, withdrawn.
  'rights-withdrawn': (b, w) =>
    w.zh
      ? {
          // the workflow wrote the cause in English: read back in Chinese (src/i18n/written.ts)
          what: `合同 ${w.subject}：权利事件 ${str(b.rightsEventKey)} 已撤回（${w.at(b.withdrawnAt)}），原因：${writtenIn(str(b.cause), 'zh-CN')}。`,
          todo: '引发该权利的违约已被后来的事实取代，医院不再据此行使该权利；记录保留原事件与撤回。',
        }
      : {
          what: `Contract ${w.subject}: rights event ${str(b.rightsEventKey)} is withdrawn (${w.at(b.withdrawnAt)}): ${str(b.cause)}.`,
          todo: 'The breach that raised it was superseded by a later fact; the right no longer stands on it. The record keeps the event and its withdrawal.',
        },
  'rectification.plan-missed': (b, w) =>
    w.zh
      ? { what: `签约后检查与整改计划未在期限内提交（截止 ${str(b.lastDay)}）。`, todo: '依据合同第 6.3 条处理。' }
      : {
          what: `The post-signing check and rectification plan was not delivered in time (last day ${str(b.lastDay)}).`,
          todo: 'Under clause 6.3.',
        },
  'rectification.contract-ended': (b, w) =>
    w.zh
      ? { what: '合同结束，整改计划关闭。', todo: '未完成项按第 6.3 条计算违约金（第 3 条）。' }
      : {
          what: 'The contract ended; the rectification plan is closed.',
          todo: 'Items not done are charged under clause 6.3 (clause 3).',
        },
  'dongle.exempt': (b, w) =>
    w.zh
      ? { what: `加密锁限制 ${str(b.findingId)} 依第 6.6 条例外豁免：${str(b.reason)}。` }
      : { what: `Restriction ${str(b.findingId)} is exempt under the 6.6 exception: ${str(b.reason)}.` },
};
