// Local stand-ins for the world outside: an SMTP server (smtp-server) and HTTP receivers that
// check the WeChat Work group robot, DingTalk custom robot (signed) and weibao webhook formats
// as their public documentation gives them, answering as the real services do.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { dingtalkSign, verifyWebhook } from '../../src/notify/signing';

export interface Received {
  channel: 'email' | 'wecom' | 'dingtalk' | 'webhook';
  endpoint: string;
  atMs: number;
  body: any;
  key?: string;
}

export interface Receivers {
  httpBase: string;
  smtpUrl: string;
  received: Received[];
  /** Requests refused for a wrong shape or signature (the test expects none unless it set one up). */
  refused: { endpoint: string; reason: string }[];
  /** DingTalk secrets per endpoint name (the receiver checks the signature with it). */
  dingtalkSecrets: Map<string, string>;
  webhookSecrets: Map<string, string>;
  /** Stops the HTTP listener (connection refused) until up() listens again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => resolve(s));
  });
const exactKeys = (o: unknown, keys: string[]) =>
  !!o && typeof o === 'object' && Object.keys(o).sort().join() === [...keys].sort().join();

export async function startReceivers(): Promise<Receivers> {
  const received: Received[] = [];
  const refused: Receivers['refused'] = [];
  const dingtalkSecrets = new Map<string, string>();
  const webhookSecrets = new Map<string, string>();
  const handler = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const [, kind, name = ''] = url.pathname.split('/');
    const endpoint = `${kind}/${name}`;
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      refused.push({ endpoint, reason: 'not JSON' });
      return answer(400, { errcode: 40001 });
    }
    if (kind === 'wecom') {
      // 企业微信: POST /cgi-bin/webhook/send?key=KEY {"msgtype":"markdown","markdown":{"content":"..."}}
      if (
        !url.searchParams.get('key') ||
        !exactKeys(body, ['msgtype', 'markdown']) ||
        body.msgtype !== 'markdown' ||
        !exactKeys(body.markdown, ['content']) ||
        typeof body.markdown.content !== 'string'
      ) {
        refused.push({ endpoint, reason: 'wecom shape' });
        return answer(200, { errcode: 40008, errmsg: 'invalid message type' });
      }
      received.push({ channel: 'wecom', endpoint, atMs: Date.now(), body });
      return answer(200, { errcode: 0, errmsg: 'ok' });
    }
    if (kind === 'dingtalk') {
      // 钉钉: POST /robot/send?access_token=T&timestamp=MS&sign=S with markdown {title, text} and at.
      const ts = Number(url.searchParams.get('timestamp'));
      const secret = dingtalkSecrets.get(name) ?? '';
      const rawSign = /[?&]sign=([^&]*)/.exec(req.url ?? '')?.[1];
      if (
        !url.searchParams.get('access_token') ||
        Math.abs(Date.now() - ts) > 3600_000 ||
        rawSign !== dingtalkSign(secret, ts)
      ) {
        refused.push({ endpoint, reason: 'dingtalk sign' });
        return answer(200, { errcode: 310000, errmsg: 'sign not match' });
      }
      if (
        !exactKeys(body, ['msgtype', 'markdown', 'at']) ||
        body.msgtype !== 'markdown' ||
        !exactKeys(body.markdown, ['title', 'text']) ||
        !Array.isArray(body.at.atMobiles)
      ) {
        refused.push({ endpoint, reason: 'dingtalk shape' });
        return answer(200, { errcode: 40035, errmsg: 'invalid parameter' });
      }
      received.push({ channel: 'dingtalk', endpoint, atMs: Date.now(), body });
      return answer(200, { errcode: 0, errmsg: 'ok' });
    }
    if (kind === 'webhook') {
      const ok = verifyWebhook(
        webhookSecrets.get(name) ?? '',
        { timestamp: String(req.headers['x-weibao-timestamp']), signature: String(req.headers['x-weibao-signature']) },
        raw,
        Date.now(),
      );
      if (!ok) {
        refused.push({ endpoint, reason: 'webhook signature' });
        return answer(401, { error: 'bad signature' });
      }
      received.push({
        channel: 'webhook',
        endpoint,
        atMs: Date.now(),
        body,
        key: String(req.headers['idempotency-key']),
      });
      return answer(200, { ok: true });
    }
    return answer(404, {});
  };
  let server: Server = createServer((req, res) => {
    void handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          received.push({
            channel: 'email',
            endpoint: `email/${to}`,
            atMs: Date.now(),
            body: { subject: mail.subject, text: mail.text, messageId: mail.messageId, from: mail.from?.text },
            key: String(mail.headers.get('x-weibao-key')),
          });
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  return {
    httpBase: `http://127.0.0.1:${port}`,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    received,
    refused,
    dingtalkSecrets,
    webhookSecrets,
    async down() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
    async up() {
      server = createServer((req, res) => {
        void handler(req, res);
      });
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}
