// The channels: e-mail over SMTP (nodemailer), WeChat Work group robot, DingTalk custom robot
// (signed) and weibao's signed webhook. Each posts one stored message in its own format and
// throws on refusal, so the dispatcher retries it; each carries the delivery's key so a
// receiver can drop a repeat (a send whose answer was lost is retried).
import { createTransport } from 'nodemailer';
import type { Channel, RenderedMessage } from './model';
import { dingtalkUrl, webhookSignature } from './signing';

export interface Outgoing {
  /** Idempotency key of the delivery: `<outbox key>/<delivery id>`. */
  key: string;
  topic: string;
  contractId: string | null;
  language: string;
  message: RenderedMessage;
  recipients: { personId: string; name: string; mobile?: string | null }[];
  data: Record<string, unknown>;
}

export type Send = (spec: Channel, out: Outgoing, signal: AbortSignal) => Promise<void>;

export interface ChannelOptions {
  smtpUrl?: string;
  smtpFrom: string;
  now?: () => number;
}

async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The robots answer 200 with {errcode, errmsg}; a non-zero errcode is a refusal. */
function robotAnswer(answer: unknown): void {
  const code = (answer as { errcode?: unknown } | undefined)?.errcode;
  if (code !== undefined && code !== 0)
    throw new Error(`robot refused: errcode ${String(code)} ${String((answer as { errmsg?: unknown }).errmsg ?? '')}`);
}

/** The channels' sender; close() ends the pooled SMTP connections. */
export function createSender(opts: ChannelOptions): { send: Send; close(): void } {
  const now = opts.now ?? Date.now;
  // Pooled connections (no SMTP handshake per message); bounded waits: a mail server that hangs costs one delivery slot for seconds.
  const mail = opts.smtpUrl
    ? createTransport({
        url: opts.smtpUrl,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : undefined;
  const send: Send = async (spec, out, signal) => {
    switch (spec.type) {
      case 'email': {
        if (!mail) throw new Error('no SMTP server configured (NOTIFY_SMTP_URL)');
        const id = `<${out.key.replace(/[^\w.-]/g, '_')}@weibao>`;
        // nodemailer takes no AbortSignal; the transport's timeouts bound the send.
        await mail.sendMail({
          from: opts.smtpFrom,
          to: spec.address,
          subject: out.message.title,
          text: out.message.text,
          messageId: id,
          headers: { 'X-Weibao-Key': out.key },
        });
        return;
      }
      case 'wecom':
        // 企业微信群机器人: {"msgtype":"markdown","markdown":{"content":...}}
        robotAnswer(
          await postJson(
            spec.url,
            JSON.stringify({ msgtype: 'markdown', markdown: { content: out.message.markdown } }),
            {},
            signal,
          ),
        );
        return;
      case 'dingtalk': {
        // 钉钉自定义机器人 (加签): markdown with title and text; @ the recipients' mobiles.
        const mobiles = out.recipients.map((r) => r.mobile).filter((m): m is string => !!m);
        const text = mobiles.length
          ? `${out.message.markdown}\n\n${mobiles.map((m) => `@${m}`).join(' ')}`
          : out.message.markdown;
        const body = JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: out.message.title, text },
          at: { atMobiles: mobiles, isAtAll: false },
        });
        robotAnswer(await postJson(dingtalkUrl(spec.url, spec.secret, now()), body, {}, signal));
        return;
      }
      case 'webhook': {
        const body = JSON.stringify({
          key: out.key,
          topic: out.topic,
          contractId: out.contractId,
          language: out.language,
          title: out.message.title,
          text: out.message.text,
          link: out.message.link,
          recipients: out.recipients.map((r) => r.personId),
          data: out.data,
        });
        const ts = now();
        await postJson(
          spec.url,
          body,
          {
            'idempotency-key': out.key,
            'x-weibao-timestamp': String(ts),
            'x-weibao-signature': webhookSignature(spec.secret, ts, body),
          },
          signal,
        );
        return;
      }
    }
  };
  return { send, close: () => mail?.close() };
}

/** A target as the API shows it: the address, or the URL without its query (robot keys are secrets). */
export function redactTarget(channel: string, target: string): string {
  if (channel === 'email') return target;
  try {
    const u = new URL(target);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
