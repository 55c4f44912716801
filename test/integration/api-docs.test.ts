// Issue 15: browsable documentation at /docs served by the app itself (no CDN), over the
// OpenAPI document; every instant of an answer at +08:00 whatever offset the request used.
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack.stop();
});

describe('/docs', () => {
  it('when /docs is fetched without a key, then it is a page whose scripts and styles the app serves itself', async () => {
    const res = await fetch(`${stack.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const a of assets) {
      expect(a).toMatch(/^\/docs\//); // same origin: no CDN
      const asset = await fetch(`${stack.baseUrl}${a}`);
      expect([a, asset.status]).toEqual([a, 200]);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    // The page's CSP lets only its own origin's scripts run.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const init = await (await fetch(`${stack.baseUrl}/docs/init.js`)).text();
    expect(init).toContain("'/openapi.json'");
  });

  it('when an asset that does not exist is asked for, then it is a 404', async () => {
    expect((await fetch(`${stack.baseUrl}/docs/assets/nope.js`)).status).toBe(404);
  });
});

describe('instants', () => {
  it('when a deadline is asked with an instant at -05:00, then the answer writes both instants at +08:00', async () => {
    const res = await stack.call(
      'hospital-operator',
      'GET',
      `/calendar/working-days?from=${encodeURIComponent('2025-03-03T20:00:00-05:00')}&n=1`,
    );
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2025-03-04T09:00:00.000+08:00');
    // 2025-03-04 is a Tuesday: one working day later ends 24:00 Wednesday, Asia/Shanghai.
    expect(res.body.deadline).toBe('2025-03-06T00:00:00.000+08:00');
  });

  it('when the audit trail is read, then each row time is at +08:00', async () => {
    // A refused mutation is audited too: one row to read.
    expect((await stack.call('hospital-operator', 'POST', '/ledger', {})).status).toBe(403);
    const res = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', '/audit?limit=5');
      return r.status === 200 && r.body.items.length > 0 && r;
    });
    for (const row of res.body.items) expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
  });
});
