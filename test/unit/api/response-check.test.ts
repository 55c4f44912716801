// Issue 15: the response check fails on a body that does not match its declaration (so the
// suite's answers, all checked, cannot drift from the OpenAPI document unnoticed), and the
// one serializer writes every instant with the contract's offset.
import { z } from 'zod';
import { declareRoute, refusal } from '../../../src/api/route';
import { checkResponses, responseMismatch } from '../../../src/api/response-check';
import { contractInstant, instantOut, wireJson } from '../../../src/api/instants';

const route = declareRoute({
  method: 'get',
  path: '/test-only/{thing}',
  duty: 'read',
  summary: 'a route of this test',
  refusals: { 409: refusal(['CONTRACT_ENDED'], 'the contract has ended (clause 3)') },
  responses: {
    200: { description: 'ok', schema: z.object({ id: z.string(), at: instantOut, n: z.number().int() }) },
    204: { description: 'nothing' },
  },
});

describe('the response check', () => {
  it('when the body matches the declared schema (a Date instant included), then there is no mismatch', () => {
    expect(responseMismatch(route, 200, { id: 'a', at: new Date('2025-01-02T01:00:00Z'), n: 1 })).toBeNull();
  });
  it.each([
    ['a field of the wrong type', { id: 1, at: '2025-01-02T09:00:00.000+08:00', n: 1 }, /^id:/],
    ['a missing field', { id: 'a', at: '2025-01-02T09:00:00.000+08:00' }, /^n:/],
    ['an instant in another offset', { id: 'a', at: '2025-01-02T10:00:00.000+09:00', n: 1 }, /^at:.*\+08:00/],
    ['epoch ms for an instant', { id: 'a', at: 1735779600000, n: 1 }, /^at:/],
  ])('when the body has %s, then the mismatch names the field', (_what, body, problem) => {
    expect(responseMismatch(route, 200, body)).toMatch(problem);
  });
  it('when an answer names its language (Content-Language) but its route is not marked localized, then it is a mismatch; a refusal or a localized route is not', () => {
    expect(responseMismatch(route, 204, undefined, 'en', 'zh-CN')).toMatch(/Content-Language: zh-CN is not declared/);
    expect(responseMismatch(route, 204, undefined, 'zh-CN', 'en')).toMatch(/^Content-Language：en 未声明/);
    const body = { error: { code: 'CONTRACT_ENDED', message: '合同已结束' }, requestId: 'r' };
    expect(responseMismatch(route, 409, body, 'en', 'zh-CN')).toBeNull();
    const localized = declareRoute({ ...route.spec, path: '/test-only/{thing}/localized', localized: true });
    expect(responseMismatch(localized, 204, undefined, 'en', 'zh-CN')).toBeNull();
  });
  it('when a success status is not declared, then it is a mismatch', () => {
    expect(responseMismatch(route, 201, { id: 'a' })).toMatch(/status 201 is not declared/);
  });
  it('when an error answer is not the Error shape, then it is a mismatch', () => {
    expect(responseMismatch(route, 409, { message: 'no' })).toMatch(/^error:/);
    expect(
      responseMismatch(route, 409, { error: { code: 'CONTRACT_ENDED', message: 'no' }, requestId: 'r' }),
    ).toBeNull();
    // The code is one of the documented codes (src/api/error-codes.ts): an undocumented one is a mismatch.
    expect(responseMismatch(route, 409, { error: { code: 'X', message: 'no' }, requestId: 'r' })).toMatch(
      /^error\.code:/,
    );
  });
});

describe('the refusals a route declares (issue 15 item 1)', () => {
  const body = (code: string) => ({ error: { code, message: 'no' }, requestId: 'r' });
  const acting = declareRoute({
    method: 'post',
    path: '/test-only/{thing}/act',
    duty: 'serve',
    summary: 'a mutating route of this test',
    refusals: { 404: refusal(['NOT_FOUND'], 'no such thing') },
    responses: { 200: { description: 'ok', schema: z.object({ id: z.string() }) } },
  });
  it('when a route answers a status it does not declare, then it is a mismatch naming the declared ones', () => {
    expect(responseMismatch(route, 404, body('NOT_FOUND'))).toMatch(/^status 404 is not among its declared answers/);
    expect(responseMismatch(route, 413, body('BODY_TOO_LARGE'))).toMatch(/^status 413/);
  });
  it('when a 404 or 409 carries a code the route does not declare, then it is a mismatch naming the declared codes', () => {
    expect(responseMismatch(route, 409, body('CASE_CLOSED'))).toBe(
      'error.code: CASE_CLOSED is not among its declared 409 refusals (CONTRACT_ENDED)',
    );
    expect(responseMismatch(acting, 404, body('CONTRACT_NOT_FOUND'))).toMatch(/declared 404 refusals \(NOT_FOUND\)/);
  });
  it("when a mutating route answers the Idempotency-Key's 409, then it is declared for it, and a read has no 409", () => {
    expect(responseMismatch(acting, 409, body('IDEMPOTENCY_KEY_REUSED'))).toBeNull();
    expect(responseMismatch(acting, 409, body('REQUEST_IN_PROGRESS'))).toBeNull();
    expect(responseMismatch(route, 409, body('IDEMPOTENCY_KEY_REUSED'))).toMatch(/^error\.code:/);
  });
  it('when the answers every route can give come (400, 401, 403, 429, 503, a 500), then they are not refusals to declare', () => {
    for (const [status, code] of [
      [400, 'INVALID_INPUT'],
      [401, 'UNAUTHORIZED'],
      [403, 'FORBIDDEN'],
      [429, 'TOO_MANY_FAILED_AUTHENTICATIONS'],
      [503, 'DATABASE_UNAVAILABLE'],
      [500, 'INTERNAL'],
    ] as const)
      expect([status, responseMismatch(acting, status, body(code))]).toEqual([status, null]);
  });
});

describe('instants in answers', () => {
  it.each([
    [Date.UTC(2025, 0, 1, 16, 30), '2025-01-02T00:30:00.000+08:00'],
    ['2025-01-02T00:30:00-05:00', '2025-01-02T13:30:00.000+08:00'],
    [new Date('2024-12-31T23:59:59.999Z'), '2025-01-01T07:59:59.999+08:00'],
  ])('when %p is written, then it reads %s', (at, expected) => {
    expect(contractInstant(at)).toBe(expected);
  });
  it('when a body holds Dates and toISOString strings, then its JSON carries them at +08:00 and leaves other text alone', () => {
    const body = {
      at: new Date('2025-01-01T00:00:00Z'),
      list: [{ due: '2025-06-30T16:00:00.000Z' }],
      note: '2025-01-01',
    };
    expect(JSON.parse(wireJson(body))).toEqual({
      at: '2025-01-01T08:00:00.000+08:00',
      list: [{ due: '2025-07-01T00:00:00.000+08:00' }],
      note: '2025-01-01',
    });
  });
});

describe('the mismatch answer in the reader language (issue 15 item 2)', () => {
  // The middleware over a minimal request and response: what it answers in place of the wrong body.
  function answer(lang: string | undefined) {
    const sent: { status?: number; headers: Record<string, string>; body?: any } = { headers: {} };
    const res = {
      statusCode: 200,
      locals: { route, requestId: 'r1' },
      status(n: number) {
        this.statusCode = n;
        sent.status = n;
        return this;
      },
      setHeader(k: string, v: string) {
        sent.headers[k] = v;
      },
      getHeader(k: string) {
        return sent.headers[k];
      },
      json(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    const req = { headers: lang ? { 'accept-language': lang } : {} };
    const log = { error: () => undefined } as unknown as Parameters<typeof checkResponses>[0];
    checkResponses(log)(req as never, res as never, () => undefined);
    res.json({ id: 'a', at: '2025-01-02T10:00:00.000+09:00' });
    return sent;
  }
  it('when no language is asked, then the mismatch is answered in Chinese', () => {
    const zh = answer(undefined);
    expect(zh.status).toBe(500);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body.error.code).toBe('RESPONSE_SCHEMA_MISMATCH');
    expect(zh.body.error.message).toBe(
      'GET /test-only/{thing} 的应答（状态 200）与其声明的结构不符：at：须为带合同时区偏移 +08:00 的 ISO-8601 时刻（另有 1 处）',
    );
  });
  it('when English is asked, then it is answered in English', () => {
    const en = answer('en-GB,en;q=0.9');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.error.message).toBe(
      'the answer of GET /test-only/{thing} (status 200) does not match its declared schema: at: must be an ISO-8601 instant with the contract offset +08:00 (and 1 more)',
    );
  });
});
