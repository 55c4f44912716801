// Issue 15 item 3: the body reader's own refusals (raw-body's, which express writes in English)
// are sentences of the catalogue, answered in zh-CN by default and en on request; an aborted
// body, whose client has gone, is logged and answered with nothing half-written. A real express
// app over real HTTP with the API's body parser and error mapper; the raw-body errors that
// Node's HTTP parser never lets through (a length mismatch) are passed as raw-body builds them.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { jsonBody } from '../../../src/api/json-body';
import { errorHandler } from '../../../src/api/errors';

const logged: { code?: string; msg: string }[] = [];
const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
let handled = 0;
let server: Server;
let port: number;
beforeAll(async () => {
  const app = express();
  app.use(jsonBody('1mb'));
  app.post('/echo', (req, res) => {
    handled++;
    res.json({ body: req.body });
  });
  // As raw-body (node_modules/raw-body/index.js) and body-parser (read.js) build them with http-errors.
  const createError = (status: number, message: string, props: object) =>
    Object.assign(new Error(message), { status, statusCode: status, expose: true }, props);
  app.get('/size-invalid', (_req, _res, next) =>
    next(
      createError(400, 'request size did not match content length', {
        type: 'request.size.invalid',
        received: 3,
        expected: 5,
      }),
    ),
  );
  app.get('/charset', (_req, _res, next) =>
    next(createError(415, 'unsupported charset "KOI8-R"', { type: 'charset.unsupported', charset: 'koi8-r' })),
  );
  app.use(errorHandler(log as never));
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

const read = async (path: string, lang?: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, lang ? { headers: { 'accept-language': lang } } : {});
  return {
    status: res.status,
    language: res.headers.get('content-language'),
    error: ((await res.json()) as any).error,
  };
};

it.each([
  [
    '/size-invalid',
    400,
    'BODY_LENGTH_MISMATCH',
    '请求体有 3 字节，与其 Content-Length 的 5 字节不符；未记录任何内容',
    'the request body has 3 bytes, not the 5 of its Content-Length; nothing was recorded',
  ],
  [
    '/charset',
    415,
    'UNSUPPORTED_CHARSET',
    '不支持字符集 koi8-r；请发送 UTF-8',
    'charset koi8-r is not supported; send UTF-8',
  ],
])(
  'when the body reader refuses with %s, then the answer is its catalogue code in zh-CN and en',
  async (path, status, code, zh, en) => {
    expect(await read(path)).toEqual({
      status,
      language: 'zh-CN',
      error: expect.objectContaining({ code, message: zh }),
    });
    expect(await read(path, 'en')).toEqual({
      status,
      language: 'en',
      error: expect.objectContaining({ code, message: en }),
    });
  },
);

it('when a client sends part of its body and goes, then the route never runs, nothing is written and the refusal is logged', async () => {
  logged.length = 0;
  const answer = await new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      setTimeout(() => s.destroy(), 100);
    });
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('close', () => resolve(got));
  });
  for (let i = 0; i < 50 && !logged.length; i++) await new Promise((r) => setTimeout(r, 20));
  expect(answer).toBe('');
  expect(handled).toBe(0);
  expect(logged).toEqual([
    expect.objectContaining({
      code: 'REQUEST_ABORTED',
      msg: 'the client went away before its answer',
      message:
        'the request ended before its body was complete: 5 bytes received, Content-Length 100; nothing was recorded',
    }),
  ]);
});
