// What the fault case's topics say (4.9.2, 4.9.4), in Chinese (default) and English: the
// exclusion claim, the analysis document, resolution, reopening, a superseded breach. The
// deadline and penalty topics, whose figures come from the case, are in messages.ts. Pure.
import { translateValue } from '../i18n/glossary';
import { faultDeadlineName, writtenIn } from '../i18n/written';
import { type Sentence, statedTime, str, timeContested, timeDecided } from './sentence-kit';

export const FAULT_SENTENCES: Record<string, Sentence> = {
  'fault.exclusion': (b, w) =>
    w.zh
      ? {
          what: `供应商对${w.fault}主张免责（${translateValue(str(b.cause))}），提交证据 ${Array.isArray(b.evidence) ? b.evidence.length : 0} 项。`,
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
          what: `${w.fault}的违约记录已被事实取代（${faultDeadlineName(str(b.deadline))}）：${writtenIn(str(b.why), 'zh-CN')}。`,
          todo: '相应的建议违约金已撤回。',
        }
      : {
          what: `The breach of ${str(b.deadline)} of the ${w.fault} is superseded by the facts: ${str(b.why)}.`,
          todo: 'Its proposed penalty is withdrawn.',
        },
};
