// Issue 15: what an onboarding writes for a fact that happened before the contract was entered
// (the dongle's declaration, the rectification plan's system check; issue 10 item 4) is read in
// the reader's language on every record that shows it: the case's own read and the contract's
// obligations, Accept-Language or zh-CN by default, said by Content-Language. Before, the
// Chinese answer carried the English sentence the workflow stored (which stays as stored).
import { shanghaiDate } from '../../src/domain/time';
import { contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let id: string;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const zh = { 'accept-language': 'zh-CN' };
const en = { 'accept-language': 'en' };
const EN_DECLARED = 'declared before the contract was entered (onboarding)';
const EN_DELIVERED = 'delivered before the contract was entered (onboarding)';
jest.setTimeout(150_000);

beforeAll(async () => {
  stack = await startStack();
  const signedMs = Date.now() - 60 * DAY;
  const at = (d: number) => iso(signedMs + d * DAY);
  const b = contractBody({
    signedAt: at(0),
    onboarding: {
      dongle: { declaredAt: at(2), verifiedAt: at(3) },
      rectification: {
        planSubmittedAt: at(3),
        items: [{ itemId: 'A', description: '审计日志', dueDate: shanghaiDate(signedMs + 20 * DAY), doneAt: at(10) }],
      },
      staff: {
        register: [{ engineerId: 'wang', name: '王工', qualification: '认证', yearsOnProduct: 3, fixed: true }],
      },
    },
  });
  id = b.id as string;
  expect((await stack.call('admin', 'POST', '/contracts', b)).status).toBe(201);
  await eventually(async () => {
    const [d, r] = await Promise.all([
      stack.call('auditor', 'GET', `/contracts/${id}/dongle`),
      stack.call('auditor', 'GET', `/contracts/${id}/rectification`),
    ]);
    return d.body?.declarations?.length === 1 && r.body?.plan ? true : undefined;
  }, 40_000);
});
afterAll(async () => {
  await stack?.stop();
});

describe('the onboarded statements in the reader language', () => {
  it('when the dongle and the rectification are read in zh-CN, en or with no language, then their onboarded statements are Chinese, English, Chinese', async () => {
    const read = (kind: string, h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/contracts/${id}/${kind}`, undefined, h);
    for (const [h, lang, declared, delivered] of [
      [zh, 'zh-CN', '在合同录入平台前已声明（录入）', '在合同录入平台前已提交（录入）'],
      [en, 'en', EN_DECLARED, EN_DELIVERED],
      [{}, 'zh-CN', '在合同录入平台前已声明（录入）', '在合同录入平台前已提交（录入）'],
    ] as const) {
      const d = await read('dongle', h);
      expect([d.body.declarations[0].statement, d.headers.get('content-language')]).toEqual([declared, lang]);
      const r = await read('rectification', h);
      expect([r.body.plan.systemCheck, r.headers.get('content-language')]).toEqual([delivered, lang]);
      expect(r.body.items.map((i: { description: string }) => i.description)).toEqual(['审计日志']); // typed: as typed
    }
  });

  it('when the staff register and the service requests are read in zh-CN or en, then who entered an engineer at onboarding and a licence title are in that language', async () => {
    const lic = { requestId: 'lic-db', name: 'Oracle DB', expiresOn: shanghaiDate(Date.now() + 90 * DAY) };
    const raised = await stack.call('vendor-engineer', 'POST', `/contracts/${id}/licences`, lic, zh);
    expect([raised.status, raised.body.title]).toEqual([201, '许可证 Oracle DB']);
    expect(raised.body.description).toBe(`在 ${lic.expiresOn} 当日结束、许可证 Oracle DB 失效前为其续期（4.4）`);
    const read = (path: string, h: Record<string, string>) =>
      stack.call('auditor', 'GET', `/contracts/${id}/${path}`, undefined, h);
    for (const [h, lang, entered, title] of [
      [zh, 'zh-CN', /（录入时登记）$/, '许可证 Oracle DB'],
      [en, 'en', / \(entered at onboarding\)$/, 'licence Oracle DB'],
    ] as const) {
      const s = await read('staff', h);
      expect([s.body.items[0].name, s.headers.get('content-language')]).toEqual(['王工', lang]);
      expect(s.body.items[0].addedBy).toMatch(entered);
      const list = await eventually(async () => {
        const r = await read('service-requests', h);
        return r.body.items?.length ? r : undefined;
      }, 30_000);
      expect([list.body.items[0].title, list.headers.get('content-language')]).toEqual([title, lang]);
      const one = await read('service-requests/lic-db', h);
      expect(one.body.title).toBe(title);
      const overview = await read('overview', h);
      expect([overview.body.staff.items[0].addedBy, overview.body.serviceRequests.items[0].title]).toEqual([
        s.body.items[0].addedBy,
        title,
      ]);
    }
  });

  it('when the contract obligations are read in zh-CN or en, then they carry the same statements in that language', async () => {
    const z = await stack.call('auditor', 'GET', `/contracts/${id}/obligations`, undefined, zh);
    const e = await stack.call('auditor', 'GET', `/contracts/${id}/obligations`, undefined, en);
    expect([z.body.dongle.declarations[0].statement, z.body.rectification.plan.systemCheck]).toEqual([
      '在合同录入平台前已声明（录入）',
      '在合同录入平台前已提交（录入）',
    ]);
    expect([e.body.dongle.declarations[0].statement, e.body.rectification.plan.systemCheck]).toEqual([
      EN_DECLARED,
      EN_DELIVERED,
    ]);
    expect(e.headers.get('content-language')).toBe('en');
  });
});
