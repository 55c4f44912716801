// What each topic says, in Chinese (default) and English: what happened, whose move it is and
// what is due by when under which clause. Times are Asia/Shanghai with their offset. Pure; the
// fault deadline and penalty topics, whose figures come from the case, are in messages.ts.
import { SHANGHAI_OFFSET_MS } from '../domain/time';
import { SERVICE_SENTENCES } from './service-sentences';

export interface Said {
  what: string;
  todo?: string;
}
export interface Words {
  zh: boolean;
  /** "2026-12-01 17:38 +08:00" for an ISO instant in the body; "?" when absent. */
  at(iso: unknown): string;
  /** The fault as a phrase: 1 级故障「标题」 / level-1 fault "title". */
  fault: string;
  /** The case or period as the reader knows it (inspection 2026Q1, acceptance of year 2, ...). */
  subject: string;
  yuan(fen: unknown): string;
}
type Sentence = (b: Record<string, unknown>, w: Words) => Said;

const pad = (n: number) => String(n).padStart(2, '0');
export function shanghaiTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} +08:00`;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const CAUSE_ZH: Record<string, string> = {
  'hospital-misoperation': '医院误操作',
  network: '网络原因',
  hardware: '硬件原因',
  'force-majeure': '不可抗力',
};
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
const TYPE_ZH: Record<string, string> = {
  'case.reported': '报告故障',
  'case.responded': '响应',
  'analysis.submitted': '提交故障分析',
  'onsite.arrived': '到场',
  'replacement.provided': '提供替换',
  'case.resolved': '解决',
  'care.visit': '客户回访',
  'care.mailing': '邮寄产品资料',
};
const party = (p: unknown, zh: boolean) =>
  p === 'vendor' ? (zh ? '供应商' : 'the vendor') : p === 'hospital' ? (zh ? '医院' : 'the hospital') : str(p);

// The three steps of a contested stated time, the same for every family (issue 10).
const statedTime: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${party(b.statedBy, true)}声明${w.subject}的「${TYPE_ZH[str(b.type)] ?? str(b.type)}」发生于 ${w.at(b.occurredAt)}（录入于 ${w.at(b.recordedAt)}）。`,
        todo: `如有异议，请在 ${w.at(b.contestUntil)} 前提出（合同第 6 条，由医院审批人裁定）。`,
      }
    : {
        what: `${party(b.statedBy, false)} states that ${str(b.type)} of ${w.subject} happened at ${w.at(b.occurredAt)} (recorded ${w.at(b.recordedAt)}).`,
        todo: `You may contest it until ${w.at(b.contestUntil)} (clause 6; the hospital approver decides).`,
      };
const timeContested: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${w.subject}第 ${str(b.factSeq)} 项事实的时间被提出异议：声明 ${w.at(b.statedAt)}，异议方认为 ${w.at(b.proposedAt)}，理由：${str(b.reason)}。`,
        todo: '请医院审批人裁定（合同第 6 条）。',
      }
    : {
        what: `The time of fact ${str(b.factSeq)} of ${w.subject} is contested: stated ${w.at(b.statedAt)}, the other party says ${w.at(b.proposedAt)}; reason: ${str(b.reason)}.`,
        todo: 'The hospital approver decides (clause 6).',
      };
const timeDecided: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${w.subject}第 ${str(b.factSeq)} 项事实的时间已裁定：${b.decision === 'stated' ? '采纳声明的时间' : '采纳异议方的时间'} ${w.at(b.effectiveAt)}，理由：${str(b.reason)}。`,
        todo: '期限按裁定的时间重新判定。',
      }
    : {
        what: `The time of fact ${str(b.factSeq)} of ${w.subject} is decided (${str(b.decision)}): ${w.at(b.effectiveAt)}; reason: ${str(b.reason)}.`,
        todo: 'Deadlines are judged again on the decided time.',
      };

export const SENTENCES: Record<string, Sentence> = {
  'fault.exclusion': (b, w) =>
    w.zh
      ? {
          what: `供应商对${w.fault}主张免责（${CAUSE_ZH[str(b.cause)] ?? str(b.cause)}），提交证据 ${Array.isArray(b.evidence) ? b.evidence.length : 0} 项。`,
          todo: '请医院审批人审阅证据后接受或驳回（第 4.9.2 条）；主张期间该故障的违约金暂缓。',
        }
      : {
          what: `The vendor claims an exclusion for the ${w.fault} (${str(b.cause)}), with ${Array.isArray(b.evidence) ? b.evidence.length : 0} piece(s) of evidence.`,
          todo: 'The hospital approver accepts or rejects it (clause 4.9.2); its penalties are held meanwhile.',
        },
  'fault.analysis-submitted': (b, w) =>
    w.zh
      ? {
          what: `供应商于 ${w.at(b.submittedAt)} 提交了${w.fault}的故障分析说明文档（第 ${str(b.submission)} 次提交，${str(b.reference)}）。`,
          todo: '请审阅后接受，或说明理由驳回（第 4.9.2 条）。',
        }
      : {
          what: `The vendor submitted the fault analysis document of the ${w.fault} at ${w.at(b.submittedAt)} (submission ${str(b.submission)}, ${str(b.reference)}).`,
          todo: 'Accept it, or reject it with a reason (clause 4.9.2).',
        },
  'fault.analysis-reviewed': (b, w) =>
    b.decision === 'accepted'
      ? w.zh
        ? { what: `医院已接受${w.fault}的故障分析说明文档（第 ${str(b.submission)} 次提交）。` }
        : {
            what: `The hospital accepted the fault analysis document of the ${w.fault} (submission ${str(b.submission)}).`,
          }
      : w.zh
        ? {
            what: `医院驳回了${w.fault}的故障分析说明文档（第 ${str(b.submission)} 次提交），理由：${str(b.reason)}。`,
            todo: `请修改后重新提交，截止 ${w.at(b.dueAt)}（第 4.9.2 条）。`,
          }
        : {
            what: `The hospital rejected the fault analysis document of the ${w.fault} (submission ${str(b.submission)}): ${str(b.reason)}.`,
            todo: `Resubmit it; due by ${w.at(b.dueAt)} (clause 4.9.2).`,
          },
  'fault.resolved': (b, w) =>
    w.zh
      ? {
          what: `供应商于 ${w.at(b.resolvedAt)} 将${w.fault}标记为已解决：${str(b.summary)}。`,
          todo: '请确认修复，或说明理由重新打开（第 4.9.2 条）。',
        }
      : {
          what: `The vendor marked the ${w.fault} resolved at ${w.at(b.resolvedAt)}: ${str(b.summary)}.`,
          todo: 'Confirm the fix, or reopen it with a reason (clause 4.9.2).',
        },
  'fault.reopened': (b, w) =>
    w.zh
      ? {
          what: `医院重新打开了${w.fault}，理由：${str(b.reason)}。`,
          todo: `到场与替换期限重新计算（第 4.9.2 条）${b.dueAt ? `，到场截止 ${w.at(b.dueAt)}` : ''}。`,
        }
      : {
          what: `The hospital reopened the ${w.fault}: ${str(b.reason)}.`,
          todo: `The on-site and replacement clocks restart (clause 4.9.2)${b.dueAt ? `; on site by ${w.at(b.dueAt)}` : ''}.`,
        },
  'fault.stated-time': statedTime,
  'fault.time-contested': timeContested,
  'fault.time-decided': timeDecided,
  'fault.breach-superseded': (b, w) =>
    w.zh
      ? {
          what: `${w.fault}的违约记录已被事实取代（${str(b.deadline)}）：${str(b.why)}。`,
          todo: '相应的建议违约金已撤回。',
        }
      : {
          what: `The breach of ${str(b.deadline)} of the ${w.fault} is superseded by the facts: ${str(b.why)}.`,
          todo: 'Its proposed penalty is withdrawn.',
        },
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
          what: `第 ${str(b.contractYear)} 合同年度付款已放行：${w.yuan(b.amountFen)} 元（年费 ${w.yuan(b.feeFen)} 元，扣除已确认违约金 ${w.yuan(b.deductionsFen)} 元）。`,
          todo: '请财务按合同第 10 条付款并登记。',
        }
      : {
          what: `The payment of contract year ${str(b.contractYear)} is released: CNY ${w.yuan(b.amountFen)} (fee ${w.yuan(b.feeFen)} less confirmed deductions ${w.yuan(b.deductionsFen)}).`,
          todo: 'Finance pays and records it (clause 10).',
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
          what: `合同 ${w.subject}：权利事件 ${str(b.rightsEventKey)} 已撤回（${w.at(b.withdrawnAt)}），原因：${str(b.cause)}。`,
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
  ...SERVICE_SENTENCES,
  'dongle.exempt': (b, w) =>
    w.zh
      ? { what: `加密锁限制 ${str(b.findingId)} 依第 6.6 条例外豁免：${str(b.reason)}。` }
      : { what: `Restriction ${str(b.findingId)} is exempt under the 6.6 exception: ${str(b.reason)}.` },
};

/** The sentence of a topic: its own, else the family-independent step it ends with (stated time, contest). */
export function sentenceOf(topic: string): Sentence | undefined {
  if (SENTENCES[topic]) return SENTENCES[topic];
  if (topic.endsWith('.stated-time')) return statedTime;
  if (topic.endsWith('.time-contested')) return timeContested;
  if (topic.endsWith('.time-decided')) return timeDecided;
  return undefined;
}
