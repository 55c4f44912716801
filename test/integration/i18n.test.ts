import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

// Issue 15, done-when: error bodies in zh-CN (the default) and en, chosen by Accept-Language
// or the key's preference (migration 140), with the code clients key on unchanged. Real API,
// PostgreSQL, dev server and worker: the sample spans the edge, the record and a workflow.
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const HAN = /[\u4e00-\u9fff]/;
const send = async (path: string, init: { key?: string; lang?: string; method?: string; body?: unknown } = {}) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.lang ? { 'accept-language': init.lang } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return {
    status: res.status,
    language: res.headers.get('content-language'),
    error: ((await res.json()) as any).error,
  };
};
const both = async (path: string, init: Parameters<typeof send>[1] = {}) => ({
  zh: await send(path, init),
  en: await send(path, { ...init, lang: 'en-US,en;q=0.9' }),
});

describe('error bodies in Chinese and English (issue 15)', () => {
  it('when a sample of errors is answered, then Chinese comes by default, English on Accept-Language, the code the same', async () => {
    const admin = stack.keys.admin;
    const vendor = stack.keys['vendor-engineer'];
    const samples = [
      {
        ...(await both('/contracts')),
        code: 'UNAUTHORIZED',
        zhText: '需要 Bearer API 密钥',
        enText: 'a bearer API key is required',
      },
      {
        ...(await both('/api-keys', { key: vendor, body: { name: 'x', role: 'auditor' } })),
        code: 'FORBIDDEN',
        zhText: '角色 供应商工程师 无权执行此操作：职责“管理 API 密钥、启动合同义务”（第 7 条）；允许的角色：管理员',
        enText: `role vendor-engineer may not do this: duty "administer" (API keys (within the key's own scope), start a contract's obligations, clause 7); allowed: admin`,
      },
      {
        ...(await both('/api-keys', { key: admin, body: { name: 'x', role: 'auditor', superuser: true } })),
        code: 'INVALID_INPUT',
        zhText: 'superuser：未知字段：superuser',
        enText: 'superuser: unknown field(s): superuser',
      },
      {
        ...(await both('/contracts/NO-SUCH', { key: admin })),
        code: 'NOT_FOUND',
        zhText: '合同 NO-SUCH 不存在',
        enText: 'contract NO-SUCH not found',
      },
      {
        ...(await both(`/contracts/${contractId}/faults`, {
          key: stack.keys['hospital-operator'],
          body: { level: 1, title: 'OA \u0000 down', channel: 'phone', reporter: 'Nurse Li' },
        })),
        code: 'INVALID_TEXT',
        zhText: 'title：不能包含 NUL 字符（U+0000）',
        enText: 'title: must not contain a NUL character (U+0000)',
      },
    ];
    for (const s of samples) {
      expect(s.zh.error).toMatchObject({ code: s.code, message: s.zhText });
      expect(s.zh.language).toBe('zh-CN');
      expect(s.en.error).toMatchObject({ code: s.code, message: s.enText });
      expect(s.en.language).toBe('en');
      expect(s.zh.status).toBe(s.en.status);
    }
  });

  it("when the edge refuses a request with English of express's own (unknown route, body reader), then it is Chinese by default and English on request", async () => {
    const raw = async (
      path: string,
      lang: string | undefined,
      init: { headers?: Record<string, string>; body?: string } = {},
    ) => {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${stack.keys.admin}`,
          ...(lang ? { 'accept-language': lang } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      return {
        status: res.status,
        language: res.headers.get('content-language'),
        error: ((await res.json()) as any).error,
      };
    };
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000), role: 'auditor' });
    const samples: [string, Parameters<typeof raw>[2], number, string, string, string][] = [
      ['/no-such-route', {}, 404, 'NOT_FOUND', '路由 GET /no-such-route 不存在', 'route GET /no-such-route not found'],
      // express.static's own "Not Found" under /docs (send's English; BAD_REQUEST before, issue 15 item 3)
      [
        '/docs/assets/no-such.js',
        {},
        404,
        'NOT_FOUND',
        '路由 GET /docs/assets/no-such.js 不存在',
        'route GET /docs/assets/no-such.js not found',
      ],
      [
        '/api-keys',
        { body: '{"name":' },
        400,
        'MALFORMED_JSON',
        '请求体不是有效的 JSON',
        'request body is not valid JSON',
      ],
      ['/api-keys', { body: big }, 413, 'BODY_TOO_LARGE', '请求体过大', 'request body is too large'],
      [
        '/api-keys',
        { body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
        415,
        'UNSUPPORTED_CHARSET',
        '不支持字符集 latin1；请发送 UTF-8',
        'charset latin1 is not supported; send UTF-8',
      ],
      [
        '/api-keys',
        { body: '{}', headers: { 'content-encoding': 'compress' } },
        415,
        'UNSUPPORTED_ENCODING',
        '不支持 Content-Encoding compress；请发送未压缩的请求体',
        'Content-Encoding compress is not supported; send the body uncompressed',
      ],
    ];
    for (const [path, init, status, code, zhText, enText] of samples) {
      const zh = await raw(path, undefined, init);
      const en = await raw(path, 'en', init);
      expect([path, zh.status, zh.language, zh.error]).toEqual([
        path,
        status,
        'zh-CN',
        expect.objectContaining({ code, message: zhText }),
      ]);
      expect([path, en.status, en.language, en.error]).toEqual([
        path,
        status,
        'en',
        expect.objectContaining({ code, message: enText }),
      ]);
    }
  });

  it('when a workflow refuses an action, then its refusal is Chinese by default and English on request, with its clause', async () => {
    const reported = await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
      level: 2,
      title: 'OA slow',
      channel: 'phone',
      reporter: 'Nurse Li',
    });
    expect(reported.status).toBe(201);
    const path = `/faults/${encodeURIComponent(reported.body.caseId)}/respond`;
    const vendor = stack.keys['vendor-engineer'];
    expect((await send(path, { key: vendor, body: { engineer: 'Wang', how: 'phone' } })).status).toBe(200);
    const again = await both(path, { key: vendor, body: { engineer: 'Wang', how: 'phone' } });
    expect(again.zh.error).toMatchObject({
      code: 'ALREADY_RESPONDED',
      message: `供应商已响应 ${reported.body.caseId}`,
    });
    expect(again.en.error).toMatchObject({
      code: 'ALREADY_RESPONDED',
      message: `the vendor already responded to ${reported.body.caseId}`,
    });
    expect(again.zh.error.clause).toBe(again.en.error.clause);
  });

  it("when a key prefers English, then it reads English without a header, and a request's Accept-Language still wins", async () => {
    const made = await stack.call('admin', 'POST', '/api-keys', { name: 'reader-en', role: 'auditor', locale: 'en' });
    expect(made.status).toBe(201);
    expect(made.body.locale).toBe('en');
    const own = await send('/contracts/NO-SUCH', { key: made.body.key });
    expect(own.error.message).toBe('contract NO-SUCH not found');
    const asked = await send('/contracts/NO-SUCH', { key: made.body.key, lang: 'zh-CN' });
    expect(asked.error.message).toBe('合同 NO-SUCH 不存在');
    const ranked = await send('/contracts/NO-SUCH', { key: stack.keys.admin, lang: 'fr-FR, en;q=0.8, zh;q=0.5' });
    expect(ranked.error.message).toBe('contract NO-SUCH not found');
    const unknown = await send('/contracts/NO-SUCH', { key: stack.keys.admin, lang: 'fr-FR' });
    expect(unknown.error.message).toMatch(HAN);
  });
});

describe('the contract texts served in both languages (issue 15)', () => {
  it('when the clauses are read, then each comes in Chinese by default and in English on request, with the original beside it', async () => {
    const zh = await stack.call('auditor', 'GET', '/contract/clauses');
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    const en = await stack.call('auditor', 'GET', '/contract/clauses', undefined, { 'accept-language': 'en' });
    expect(en.body.language).toBe('en');
    const ids = zh.body.clauses.map((c: { id: string }) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining(['3', '4.1', '4.9.2', '4.9.3', '4.9.4', '4.10', '6.2.1', '6.3', '6.7', '8', '10']),
    );
    const zh493 = zh.body.clauses.find((c: { id: string }) => c.id === '4.9.3');
    const en493 = en.body.clauses.find((c: { id: string }) => c.id === '4.9.3');
    expect(zh493.text).toContain('一级故障：自身系统瘫痪所有业务功能均不可用');
    expect(en493.text).toContain('Level 1: the system itself is down');
    expect(en493.original).toBe(zh493.text);
    const printed = await stack.call('auditor', 'GET', '/contract/clauses/6.6.1', undefined, {
      'accept-language': 'en',
    });
    expect(printed.body).toMatchObject({ id: '6.2.1', printedAs: '6.6.1' });
    expect(printed.body.text).toContain('CNY 1,000 per occurrence');
    const none = await stack.call('auditor', 'GET', '/contract/clauses/99.9');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe('条款 99.9 不存在');
  });

  it("when the fault levels are read, then 4.9.3's definitions come with 4.9.4's deadlines, the contract's own with its id", async () => {
    const zh = await stack.call('vendor-engineer', 'GET', '/contract/fault-levels');
    expect(zh.body.levels[0]).toMatchObject({
      level: 1,
      name: '一级故障',
      response: { minutes: 15, text: '15 分钟', clause: '4.9.4' },
    });
    expect(zh.body.levels[4].definition).toBe('遇到系统操作疑难或者系统出现不正常运行状态');
    const en = await stack.call(
      'vendor-engineer',
      'GET',
      `/contract/fault-levels?contractId=${contractId}`,
      undefined,
      {
        'accept-language': 'en',
      },
    );
    expect(en.body.contractId).toBe(contractId);
    expect(en.body.levels.map((l: { name: string; response: { text: string } }) => [l.name, l.response.text])).toEqual([
      ['Level 1', '15 min'],
      ['Level 2', '30 min'],
      ['Level 3', '2 h'],
      ['Level 4', '4 h'],
      ['Level 5', '6 h'],
    ]);
    expect(en.body.levels[1].original).toBe('自身出现严重影响系统可用性的问题，导致部分业务不能使用');
  });

  it('when a contract is read, then its applied readings include how quarters and extension quarters are counted', async () => {
    const c = await stack.call('auditor', 'GET', `/contracts/${contractId}`);
    expect(c.body.readings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ parameter: 'cycles.quarters', clause: '4.1/4.3' }),
        expect.objectContaining({ parameter: 'cycles.extensionQuarters', clause: '3/4.3' }),
      ]),
    );
  });
});
