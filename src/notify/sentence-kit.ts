// What every topic's sentence is made of: the reader's words (Chinese by default, English;
// Asia/Shanghai times with their offset), the small formatters, and the three steps of a
// contested stated time, the same for every family (issue 10). Pure.
import { SHANGHAI_OFFSET_MS } from '../domain/time';

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
export type Sentence = (b: Record<string, unknown>, w: Words) => Said;

const pad = (n: number) => String(n).padStart(2, '0');
export function shanghaiTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} +08:00`;
}

export const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const TYPE_ZH: Record<string, string> = {
  'case.reported': '报告故障',
  'case.responded': '响应',
  'analysis.submitted': '提交故障分析',
  'onsite.arrived': '到场',
  'replacement.provided': '提供替换',
  'case.resolved': '解决',
  'care.visit': '客户回访',
  'care.mailing': '邮寄产品资料',
};
export const party = (p: unknown, zh: boolean) =>
  p === 'vendor' ? (zh ? '供应商' : 'the vendor') : p === 'hospital' ? (zh ? '医院' : 'the hospital') : str(p);

// The three steps of a contested stated time, the same for every family (issue 10).
export const statedTime: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${party(b.statedBy, true)}声明${w.subject}的「${TYPE_ZH[str(b.type)] ?? str(b.type)}」发生于 ${w.at(b.occurredAt)}（录入于 ${w.at(b.recordedAt)}）。`,
        todo: `如有异议，请在 ${w.at(b.contestUntil)} 前提出（合同第 6 条，由医院审批人裁定）。`,
      }
    : {
        what: `${party(b.statedBy, false)} states that ${str(b.type)} of ${w.subject} happened at ${w.at(b.occurredAt)} (recorded ${w.at(b.recordedAt)}).`,
        todo: `You may contest it until ${w.at(b.contestUntil)} (clause 6; the hospital approver decides).`,
      };
export const timeContested: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${w.subject}第 ${str(b.factSeq)} 项事实的时间被提出异议：声明 ${w.at(b.statedAt)}，异议方认为 ${w.at(b.proposedAt)}，理由：${str(b.reason)}。`,
        todo: '请医院审批人裁定（合同第 6 条）。',
      }
    : {
        what: `The time of fact ${str(b.factSeq)} of ${w.subject} is contested: stated ${w.at(b.statedAt)}, the other party says ${w.at(b.proposedAt)}; reason: ${str(b.reason)}.`,
        todo: 'The hospital approver decides (clause 6).',
      };
export const timeDecided: Sentence = (b, w) =>
  w.zh
    ? {
        what: `${w.subject}第 ${str(b.factSeq)} 项事实的时间已裁定：${b.decision === 'stated' ? '采纳声明的时间' : '采纳异议方的时间'} ${w.at(b.effectiveAt)}，理由：${str(b.reason)}。`,
        todo: '期限按裁定的时间重新判定。',
      }
    : {
        what: `The time of fact ${str(b.factSeq)} of ${w.subject} is decided (${str(b.decision)}): ${w.at(b.effectiveAt)}; reason: ${str(b.reason)}.`,
        todo: 'Deadlines are judged again on the decided time.',
      };
