// Messages people read: Chinese by default (English per recipient), times in Asia/Shanghai
// (+08:00), saying what happened, what is due by when under which clause, and a link to the
// case. Pure: the dispatcher renders once per language at routing time and stores the result.
// What a message is about and where its link points: message-subject.ts.
import type { Language, OutboxMessage, RenderedMessage } from './model';
import { sentenceOf, shanghaiTime, type Words } from './sentences';
import { subjectOf } from './message-subject';
import { topicRoute } from './topics';
import { writtenIn } from '../i18n/written';

export { shanghaiTime };

/** What the router learnt about the message's case (from fault_cases and the terms). */
export interface MessageContext {
  caseId?: string;
  level?: number;
  caseTitle?: string;
  /** The deadline the message is about (from the body, or computed for a new fault). */
  due?: { kind: string; dueMs: number; clause: string };
  link: string;
}

const KIND: Record<string, { zh: string; en: string }> = {
  response: { zh: '响应', en: 'response' },
  analysis: { zh: '提交故障分析报告', en: 'fault analysis document' },
  onsite: { zh: '工程师到场', en: 'engineer on site' },
  replacement: { zh: '更换同等或更优设备/软件', en: 'replacement' },
};
const kindText = (kind: string, lang: Language) =>
  (KIND[kind.split(':')[0]!] ?? { zh: kind, en: kind })[lang === 'en' ? 'en' : 'zh'];

function duration(ms: number, lang: Language): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (lang === 'en') return h ? `${h} h ${m} min` : `${m} min`;
  return h ? `${h} 小时 ${m} 分钟` : `${m} 分钟`;
}

const yuan = (fen: unknown) =>
  typeof fen === 'string' && /^\d+$/.test(fen)
    ? `${(BigInt(fen) / 100n).toString()}.${fen.padStart(3, '0').slice(-2)}`
    : undefined;

/** What happened and what is to be done, in one language. */
function lines(msg: OutboxMessage, ctx: MessageContext, lang: Language): { what: string; todo?: string } {
  const zh = lang !== 'en';
  const b = msg.body;
  const title = ctx.caseTitle ?? (typeof b.title === 'string' ? b.title : undefined);
  const fault = zh
    ? `${ctx.level ?? '?'} 级故障「${title ?? ctx.caseId}」`
    : `level-${ctx.level ?? '?'} fault "${title ?? ctx.caseId}"`;
  const due = ctx.due;
  const dueText =
    due &&
    (zh
      ? `${kindText(due.kind, lang)}截止 ${shanghaiTime(due.dueMs)}（第 ${due.clause} 条）`
      : `${kindText(due.kind, lang)} due by ${shanghaiTime(due.dueMs)} (clause ${due.clause})`);
  switch (msg.topic) {
    case 'fault.reported': {
      const at =
        typeof b.reportedAt === 'string' ? shanghaiTime(Date.parse(b.reportedAt)) : shanghaiTime(msg.createdAtMs);
      return zh
        ? {
            what: `医院于 ${at} 报告了${fault}（报告人：${String(b.reporter ?? '')}，渠道：${String(b.channel ?? '')}）。`,
            todo: `请立即响应：${dueText ?? '见合同第 4.9.4 条'}。`,
          }
        : {
            what: `The hospital reported a ${fault} at ${at} (reporter: ${String(b.reporter ?? '')}, channel: ${String(b.channel ?? '')}).`,
            todo: `Respond now: ${dueText ?? 'see clause 4.9.4'}.`,
          };
    }
    case 'fault.warning': {
      const pct = typeof b.fraction === 'number' ? Math.round(b.fraction * 100) : undefined;
      return zh
        ? {
            what: `${fault}的${due ? kindText(due.kind, lang) : ''}期限已用去 ${pct ?? '?'}%。`,
            todo: `请在期限前完成：${dueText ?? ''}。`,
          }
        : {
            what: `${pct ?? '?'}% of the ${due ? kindText(due.kind, lang) : ''} deadline of the ${fault} has passed.`,
            todo: `Act before the deadline: ${dueText ?? ''}.`,
          };
    }
    case 'fault.breach': {
      const late = typeof b.lateByMs === 'number' ? duration(b.lateByMs, lang) : undefined;
      const penalty =
        typeof b.penalty === 'object' && b.penalty ? yuan((b.penalty as { amountFen?: unknown }).amountFen) : undefined;
      return zh
        ? {
            what: `${fault}的期限已违约：${dueText ?? ''}${late ? `，已超时 ${late}` : ''}。`,
            todo: penalty ? `已按第 6.2.1 条提出违约金 ${penalty} 元，待医院审批人确认；请立即处理。` : '请立即处理。',
          }
        : {
            what: `The ${fault} breached its deadline: ${dueText ?? ''}${late ? `, late by ${late}` : ''}.`,
            todo: penalty
              ? `A penalty of CNY ${penalty} is proposed under clause 6.2.1, for the hospital approver to confirm; act now.`
              : 'Act now.',
          };
    }
    case 'penalty.proposed':
    case 'penalty.disputed':
    case 'penalty.decided': {
      const amount = yuan(b.amountFen) ?? '?';
      const status = String(b.status ?? '');
      const zhStatus: Record<string, string> = {
        proposed: '已提出，待医院审批人确认或豁免',
        disputed: '被提出异议，待医院审批人裁定',
        confirmed: '已确认',
        waived: '已豁免',
        'decided-upheld': '异议裁定：维持',
        'decided-waived': '异议裁定：豁免',
        withdrawn: '已撤回',
      };
      return zh
        ? {
            what: `违约金 ${amount} 元（第 ${String(b.clause ?? '?')} 条）${zhStatus[status] ?? status}${ctx.caseId ? `，案件 ${ctx.caseId}` : ''}。`,
            ...(b.reason ? { todo: `理由：${writtenIn(String(b.reason), 'zh-CN')}` } : {}), // a withdrawal's reason the workflow wrote, read back
          }
        : {
            what: `Penalty of CNY ${amount} (clause ${String(b.clause ?? '?')}) ${status}${ctx.caseId ? ` on ${ctx.caseId}` : ''}.`,
            ...(b.reason ? { todo: `Reason: ${String(b.reason)}` } : {}),
          };
    }
    default: {
      const sentence = sentenceOf(msg.topic);
      const words: Words = {
        zh,
        fault,
        subject: subjectOf(msg, lang),
        yuan: (fen) => yuan(typeof fen === 'bigint' ? fen.toString() : fen) ?? '?',
        at: (iso) =>
          typeof iso === 'string' && Number.isFinite(Date.parse(iso)) ? shanghaiTime(Date.parse(iso)) : '?',
      };
      if (sentence) return sentence(b, words);
      // A topic without its own sentence yet: its label and the clause, never silently nothing.
      const label = topicRoute(msg.topic)[zh ? 'zh' : 'en'];
      const clause = typeof b.clause === 'string' ? b.clause : undefined;
      const dueAt = typeof b.dueAt === 'string' ? words.at(b.dueAt) : undefined;
      const todo = dueAt
        ? zh
          ? `截止 ${dueAt}${clause ? `（第 ${clause} 条）` : ''}。`
          : `Due by ${dueAt}${clause ? ` (clause ${clause})` : ''}.`
        : clause
          ? zh
            ? `依据合同第 ${clause} 条。`
            : `Under clause ${clause}.`
          : undefined;
      return { what: `${label}${zh ? '：' : ': '}${words.subject}`, ...(todo ? { todo } : {}) };
    }
  }
}

/** One message in one language, as every channel needs it. */
export function renderMessage(msg: OutboxMessage, ctx: MessageContext, lang: Language): RenderedMessage {
  const zh = lang !== 'en';
  const label = topicRoute(msg.topic)[zh ? 'zh' : 'en'];
  const title = `${zh ? '【维保】' : '[weibao] '}${label}${ctx.caseId ? `${zh ? '：' : ': '}${ctx.caseId}` : ''}`;
  const { what, todo } = lines(msg, ctx, lang);
  const contract = msg.contractId ? (zh ? `合同：${msg.contractId}` : `Contract: ${msg.contractId}`) : undefined;
  const linkLine = zh ? `查看：${ctx.link}` : `Open: ${ctx.link}`;
  const text = [what, todo, contract, linkLine].filter(Boolean).join('\n');
  const markdown = [
    `### ${title}`,
    `> ${what}`,
    todo ? `**${todo}**` : undefined,
    contract,
    `[${zh ? '查看案件' : 'Open the case'}](${ctx.link})`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { title, text, markdown, link: ctx.link };
}
