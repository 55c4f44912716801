// What the service-request topics say (issue 18), in Chinese (default) and English: which
// request, what happened, whose move it is and by when, under which clause. Pure.
import { str, type Sentence } from './sentence-kit';

/** The duty of each clause, as the hospital names it. */
const DUTY_ZH: Record<string, string> = {
  '4.4': '许可证续期',
  '4.5': '技术指导',
  '4.6': '安全配合与整改',
  '4.7': '资料交付',
  '4.12': '服务器与数据库迁移',
  '5.1': '人事接口文档与维护',
  '5.2': '物资接口文档与维护',
  '5.3': '评级评审支持',
  '4.8.5': '软件缺陷修复',
  '5.4': '升级与个性化修改',
};
const request = (b: Record<string, unknown>, zh: boolean) =>
  zh
    ? `服务请求「${str(b.title)}」（${DUTY_ZH[str(b.clause)] ?? ''}，第 ${str(b.clause)} 条）`
    : `service request "${str(b.title)}" (clause ${str(b.clause)})`;
const by = (p: unknown, zh: boolean) =>
  p === 'vendor' ? (zh ? '供应商' : 'the vendor') : zh ? '医院' : 'the hospital';

export const SERVICE_SENTENCES: Record<string, Sentence> = {
  'service.raised': (b, w) =>
    w.zh
      ? {
          what: `医院提出了${request(b, true)}。`,
          todo: b.dueDate ? `请受理并确认完成日期 ${str(b.dueDate)}，或另行提出。` : '请受理并商定完成日期。',
        }
      : {
          what: `The hospital raised ${request(b, false)}.`,
          todo: b.dueDate
            ? `Acknowledge it and accept the due date ${str(b.dueDate)} or propose another.`
            : 'Acknowledge it and agree a due date.',
        },
  'service.licence-registered': (b, w) =>
    w.zh
      ? {
          what: `许可证「${str(b.licenceName)}」已登记，到期日 ${str(b.dueDate)}。`,
          todo: '请在到期前续期（第 4.4 条）。',
        }
      : {
          what: `Licence "${str(b.licenceName)}" is registered, expiring ${str(b.dueDate)}.`,
          todo: 'Renew it before it lapses (clause 4.4).',
        },
  'service.due-date-proposed': (b, w) =>
    w.zh
      ? {
          what: `${by(b.proposedBy, true)}为${request(b, true)}提出完成日期 ${str(b.dueDate)}。`,
          todo: '请确认或另行提出。',
        }
      : {
          what: `${by(b.proposedBy, false)} proposes ${str(b.dueDate)} as the due date of ${request(b, false)}.`,
          todo: 'Accept it or propose another.',
        },
  'service.due-date-agreed': (b, w) =>
    w.zh
      ? {
          what: `${request(b, true)}的完成日期已商定：${str(b.dueDate)}。`,
          todo: '供应商须在当日 24:00 前交付并经医院验收。',
        }
      : {
          what: `The due date of ${request(b, false)} is agreed: ${str(b.dueDate)}.`,
          todo: 'The vendor delivers by 24:00 that day (Asia/Shanghai).',
        },
  'service.acknowledged': (b, w) =>
    w.zh ? { what: `供应商已受理${request(b, true)}。` } : { what: `The vendor acknowledged ${request(b, false)}.` },
  'service.delivered': (b, w) =>
    w.zh
      ? { what: `供应商交付了${request(b, true)}（第 ${str(b.delivery)} 次）。`, todo: '请验收或退回并说明理由。' }
      : {
          what: `The vendor delivered ${request(b, false)} (delivery ${str(b.delivery)}).`,
          todo: 'Accept it or send it back with a reason.',
        },
  'service.delivery-reviewed': (b, w) =>
    b.decision === 'accepted'
      ? w.zh
        ? { what: `医院已验收${request(b, true)}。` }
        : { what: `The hospital accepted ${request(b, false)}.` }
      : w.zh
        ? { what: `医院退回了${request(b, true)}的交付。`, todo: `理由：${str(b.reason)}。请重新交付。` }
        : {
            what: `The hospital sent back the delivery of ${request(b, false)}.`,
            todo: `Reason: ${str(b.reason)}. Deliver again.`,
          },
  'service.large-change-claimed': (b, w) =>
    w.zh
      ? {
          what: `供应商主张${request(b, true)}属较大修改：${str(b.reason)}。`,
          todo: '请医院审批人同意（另行约定）或提出异议（第 5.4 条）。',
        }
      : {
          what: `The vendor claims ${request(b, false)} is a large change: ${str(b.reason)}.`,
          todo: 'The hospital approver agrees (separate terms) or contests (clause 5.4).',
        },
  'service.large-change-decided': (b, w) =>
    b.outcome === 'agreed'
      ? w.zh
        ? { what: `医院同意${request(b, true)}属较大修改，移出免费范围另行约定（第 5.4 条）。` }
        : { what: `The hospital agrees ${request(b, false)} is a large change: it leaves the free scope (clause 5.4).` }
      : w.zh
        ? {
            what: `医院不同意${request(b, true)}属较大修改：${str(b.reason)}。`,
            todo: '仍为免费个性化修改，按商定日期交付（第 5.4 条）。',
          }
        : {
            what: `The hospital contests that ${request(b, false)} is a large change: ${str(b.reason)}.`,
            todo: 'It stays free; deliver by the agreed date (clause 5.4).',
          },
  'service.licence-expiring': (b, w) =>
    w.zh
      ? {
          what: `许可证「${str(b.licenceName)}」将于 ${str(b.dueDate)} 到期。`,
          todo: '请在到期前完成续期，避免系统停用（第 4.4 条）。',
        }
      : {
          what: `Licence "${str(b.licenceName)}" expires on ${str(b.dueDate)}.`,
          todo: 'Renew it before it lapses, so the system never stops (clause 4.4).',
        },
  'service.licence-lapsed': (b, w) =>
    w.zh
      ? {
          what: `许可证「${str(b.licenceName)}」已于 ${w.at(b.dueAt)} 过期未续，违反第 4.4 条。`,
          todo: `按第 ${str(b.pricedUnder)} 条计违约金${b.pricedUnder === '6.5' ? '，待医院审批人按损失确定比例' : ''}。`,
        }
      : {
          what: `Licence "${str(b.licenceName)}" lapsed unrenewed at ${w.at(b.dueAt)}: a breach of clause 4.4.`,
          todo: `Priced under clause ${str(b.pricedUnder)}${b.pricedUnder === '6.5' ? '; the hospital approver sets the rate by the loss' : ''}.`,
        },
  'service.breach': (b, w) =>
    w.zh
      ? {
          what: `${request(b, true)}未在商定日期前交付并通过验收（截止 ${w.at(b.dueAt)}）。`,
          todo: `属未履行其他服务承诺，按第 ${str(b.pricedUnder)} 条计违约金${b.pricedUnder === '6.5' ? '，待医院审批人按损失确定比例' : ''}。`,
        }
      : {
          what: `${request(b, false)} was not delivered and accepted by its due end ${w.at(b.dueAt)}.`,
          todo: `Another service commitment not kept: priced under clause ${str(b.pricedUnder)}${b.pricedUnder === '6.5' ? '; the hospital approver sets the rate by the loss' : ''}.`,
        },
};
