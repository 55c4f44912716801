// What a message is about and where its link points: the reader's name for the case or period,
// in Chinese or English, and the page of it, both read from its workflow or case id. Pure:
// messages.ts writes the subject into its sentence, the router stores the link.
import type { Language, OutboxMessage } from './model';
import { topicRoute } from './topics';

/** The case or period a message is about, as its reader names it (from its workflow or case id). */
export function subjectOf(msg: OutboxMessage, lang: Language): string {
  const zh = lang !== 'en';
  const id = String(msg.body.caseId ?? msg.body.workflowId ?? '');
  const m =
    /^(inspection|care|acceptance|rectification|go-live|dongle|staff-change|service):[^:]+(?::(\d+)(?:Q(\d+))?)?/.exec(
      id,
    );
  const [kind, year, quarter] = m ? [m[1], m[2], m[3]] : [];
  switch (kind) {
    case 'inspection':
      return zh
        ? `第 ${year} 合同年度第 ${quarter} 季度巡检`
        : `the inspection of contract year ${year}, quarter ${quarter}`;
    case 'care':
      return zh
        ? `第 ${year} 合同年度第 ${quarter} 季度客户关怀`
        : `customer care of contract year ${year}, quarter ${quarter}`;
    case 'acceptance':
      return zh ? `第 ${year} 合同年度验收` : `the acceptance of contract year ${year}`;
    case 'rectification':
      return zh ? '签约后检查与整改计划' : 'the post-signing rectification plan';
    case 'go-live':
      return zh ? '系统上线' : 'the go-live';
    case 'dongle':
      return zh ? '加密锁与限制检查' : 'the dongle and restriction check';
    case 'service':
      return zh
        ? `服务请求 ${id.split(':').slice(2).join(':')}`
        : `service request ${id.split(':').slice(2).join(':')}`;
    case 'staff-change':
      return zh ? `人员变更 ${id.split(':').slice(2).join(':')}` : `staff change ${id.split(':').slice(2).join(':')}`;
    default:
      return id || (msg.contractId ?? '');
  }
}

/**
 * A notification's subject as a reader of the record reads it (GET .../notifications, issue 15):
 * the subject the workflow wrote, in English, is the record's source and is served as written to
 * an English reader; a Chinese reader reads the topic and what it is about, as the message's
 * title says them (【维保】违约被事实取代，违约金撤回：fault:C-1:7 without the brand).
 */
export function subjectIn(
  msg: Pick<OutboxMessage, 'topic' | 'subject' | 'body' | 'contractId'>,
  lang: Language,
): string {
  if (lang === 'en') return msg.subject;
  const about = subjectOf(msg as OutboxMessage, lang);
  const label = topicRoute(msg.topic).zh;
  return about ? `${label}：${about}` : label;
}

/** Where a message's link points: the case or period it is about, else its contract. */
export function linkOf(msg: OutboxMessage, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const b = msg.body;
  const c = msg.contractId ? encodeURIComponent(msg.contractId) : undefined;
  if (typeof b.caseId === 'string' && b.caseId.startsWith('fault:'))
    return `${base}/faults/${encodeURIComponent(b.caseId)}`;
  const sr = /^service:[^:]+:(.+)$/.exec(String(b.caseId ?? ''));
  if (sr && c) return `${base}/contracts/${c}/service-requests/${encodeURIComponent(sr[1]!)}`;
  const m = /^(inspection|care|acceptance):[^:]+:(\d+(?:Q\d+)?)$/.exec(String(b.workflowId ?? ''));
  if (m && c)
    return `${base}/contracts/${c}/${m[1] === 'inspection' ? 'inspections' : m[1] === 'care' ? 'care-periods' : 'acceptances'}/${m[2]}`;
  return c ? `${base}/contracts/${c}` : base;
}
