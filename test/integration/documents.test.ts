import { createHash } from 'node:crypto';
import { type Role } from '../../src/api/auth';
import { createApiKey } from '../../src/api/api-keys';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Documents (issue 14): upload, byte-identical download, hash, immutable versions, limits,
// sniffing, scope and audit. The review of a fault analysis happens on its case
// (fault-analysis-api.test.ts); the document shows it there.
const LIMIT = 64 * 1024;
let stack: Stack;
let contractId: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdfBytes = (text: string) =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');

async function upload(
  key: string | Role,
  path: string,
  fields: Record<string, string>,
  file?: { bytes: Buffer; name: string; type?: string },
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  const bearer = key in stack.keys ? stack.keys[key as Role] : key;
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${bearer}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as any };
}
async function download(role: Role, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${stack.keys[role]}`, ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  stack = await startStack({ worker: false, documentMaxBytes: LIMIT });
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('a fault analysis round trip (4.9.2)', () => {
  it('when the vendor uploads and then files a second version, then both versions stay byte-identical, the first is kept and the document has no review route of its own', async () => {
    const v1 = pdfBytes('故障分析 第一版');
    const name = '故障分析说明文档-第1版.pdf';
    const created = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'fault-analysis', title: '一级故障分析', subject: `fault:${contractId}:1` },
      { bytes: v1, name, type: 'text/plain' },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'fault-analysis',
      subject: `fault:${contractId}:1`,
      latest: {
        version: 1,
        sha256: sha(v1),
        sizeBytes: v1.length,
        filename: name,
        contentType: 'application/pdf',
        declaredType: 'text/plain',
        review: null,
      },
    });
    const id = created.body.id as string;

    const got = await download('hospital-operator', `/documents/${id}/content`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(v1)).toBe(true);
    expect(sha(got.bytes)).toBe(created.body.latest.sha256);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-length')).toBe(String(v1.length));
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(v1).digest('base64')}:`);
    expect(
      (await download('hospital-operator', `/documents/${id}/content`, { 'if-none-match': got.headers.get('etag')! }))
        .status,
    ).toBe(304);

    // One review path: the document is reviewed on the case that cites it (4.9.2), not here.
    expect(
      (
        await stack.call('hospital-approver', 'POST', `/documents/${id}/versions/1/review`, {
          decision: 'reject',
          reason: '根因分析不完整',
        })
      ).status,
    ).toBe(404);

    const v2 = pdfBytes('故障分析 第二版 附日志');
    const second = await upload(
      'vendor-engineer',
      `/documents/${id}/versions`,
      { note: '补充日志' },
      { bytes: v2, name: '故障分析说明文档-第2版.pdf' },
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, sha256: sha(v2), note: '补充日志' });
    expect((await download('auditor', `/documents/${id}/versions/1/content`)).bytes.equals(v1)).toBe(true);
    expect((await download('auditor', `/documents/${id}/versions/2/content`)).bytes.equals(v2)).toBe(true);
    const doc = await stack.call('auditor', 'GET', `/documents/${id}`);
    expect(doc.body.versions.map((v: any) => [v.version, v.sha256, v.review?.decision])).toEqual([
      [1, sha(v1), undefined],
      [2, sha(v2), undefined],
    ]);
    expect(doc.body.latest.version).toBe(2);

    const audit = await eventually(async () => {
      const rows = (
        await stack.db.pool.query(
          `SELECT action, detail FROM audit_log WHERE target = $1 AND outcome = 'ok' ORDER BY id`,
          [id],
        )
      ).rows;
      return rows.length === 2 ? rows : undefined;
    });
    expect(audit.map((r) => r.action)).toEqual(['document.upload', 'document.version']);
    expect(audit[0].detail).toMatchObject({ sha256: sha(v1), version: 1 });
  });
});

describe('uploads refused at the edge', () => {
  const count = async () => Number((await stack.db.pool.query('SELECT count(*) FROM document_versions')).rows[0].count);

  it('when the file is one byte over the limit, then 413 names the file and nothing is stored', async () => {
    const before = await count();
    const res = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'om-record', title: 'big' },
      { bytes: Buffer.concat([pdfBytes('x'), Buffer.alloc(LIMIT)]), name: 'big.pdf' },
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
    expect(await count()).toBe(before);
    const exact = Buffer.alloc(LIMIT, 'a');
    expect(
      (
        await upload(
          'vendor-engineer',
          `/contracts/${contractId}/documents`,
          { kind: 'om-record', title: 'exactly the limit' },
          { bytes: exact, name: 'a.txt' },
        )
      ).status,
    ).toBe(201);
  });

  it('when the bytes are an executable declared as a PDF, then 415 names the file', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);
    const res = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'other', title: 'x' },
      { bytes: elf, name: 'report.pdf', type: 'application/pdf' },
    );
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', field: 'file' });
  });

  it('when the body is JSON, no file is sent, or a field is unknown, then 4xx names what is wrong', async () => {
    const json = await stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/documents`, { kind: 'other' });
    expect(json.status).toBe(415);
    expect(
      (await upload('vendor-engineer', `/contracts/${contractId}/documents`, { kind: 'other', title: 'x' })).body.error,
    ).toMatchObject({ code: 'FILE_REQUIRED', field: 'file' });
    const unknown = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'other', title: 'x', owner: 'me' },
      { bytes: Buffer.from('hi'), name: 'a.txt' },
    );
    expect(unknown.status).toBe(400);
    const kind = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'contract', title: 'x' },
      { bytes: Buffer.from('hi'), name: 'a.txt' },
    );
    expect(kind.body.error.field).toBe('kind');
    const subject = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'other', title: 'x', subject: 'fault:OTHER:1' },
      { bytes: Buffer.from('hi'), name: 'a.txt' },
    );
    expect(subject.body.error.field).toBe('subject');
  });

  it('when the wrong side files a kind, or a key of another contract reads, then 403', async () => {
    expect(
      (
        await upload(
          'hospital-operator',
          `/contracts/${contractId}/documents`,
          { kind: 'fault-analysis', title: 'x' },
          { bytes: Buffer.from('hi'), name: 'a.txt' },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await upload(
          'auditor',
          `/contracts/${contractId}/documents`,
          { kind: 'other', title: 'x' },
          { bytes: Buffer.from('hi'), name: 'a.txt' },
        )
      ).status,
    ).toBe(403);
    const scan = await upload(
      'hospital-approver',
      `/contracts/${contractId}/documents`,
      { kind: 'acceptance-scan', title: '验收单扫描件' },
      { bytes: Buffer.from('scan'), name: 's.txt' },
    );
    expect(scan.status).toBe(201);
    const other = await createApiKey(stack.db.pool, {
      name: 'other-vendor',
      role: 'vendor-engineer',
      contracts: ['C-OTHER'],
    });
    const res = await fetch(`${stack.baseUrl}/documents/${scan.body.id}/content`, {
      headers: { authorization: `Bearer ${other.key}` },
    });
    expect(res.status).toBe(403);
    expect(
      (
        await upload(
          other.key,
          `/contracts/${contractId}/documents`,
          { kind: 'other', title: 'x' },
          { bytes: Buffer.from('hi'), name: 'a.txt' },
        )
      ).status,
    ).toBe(403);
  });

  it('when an upload is retried with the same Idempotency-Key, then the first document is returned and one version exists', async () => {
    const args = [
      `/contracts/${contractId}/documents`,
      { kind: 'staff-qualification', title: '工程师资质' },
      { bytes: pdfBytes('cert'), name: '资质.pdf' },
      { 'idempotency-key': 'qual-1' },
    ] as const;
    const [a, b] = await Promise.all([upload('vendor-engineer', ...args), upload('vendor-engineer', ...args)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const list = await stack.call(
      'vendor-engineer',
      'GET',
      `/contracts/${contractId}/documents?kind=staff-qualification`,
    );
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].latest.version).toBe(1);
  });

  it('when two new versions arrive at once, then they get different numbers and neither overwrites', async () => {
    const doc = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'inspection-report', title: '巡检报告' },
      { bytes: Buffer.from('v1'), name: 'r.txt' },
    );
    const [x, y] = await Promise.all([
      upload(
        'vendor-engineer',
        `/documents/${doc.body.id}/versions`,
        {},
        { bytes: Buffer.from('v2-x'), name: 'r.txt' },
      ),
      upload(
        'vendor-engineer',
        `/documents/${doc.body.id}/versions`,
        {},
        { bytes: Buffer.from('v2-y'), name: 'r.txt' },
      ),
    ]);
    expect([x.body.version, y.body.version].sort()).toEqual([2, 3]);
    const all = await stack.call('auditor', 'GET', `/documents/${doc.body.id}`);
    expect(all.body.versions.map((v: any) => v.sizeBytes)).toEqual([2, 4, 4]);
  });
});

describe('facts that cite a stored document', () => {
  it("when an inspection report cites doc@version with another hash, another contract's or another kind of document, then 400 names the rule; an external reference still reaches the case", async () => {
    const bytes = pdfBytes('巡检报告 2Q1');
    const doc = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'inspection-report', title: '巡检报告', subject: `inspection:${contractId}:2Q1` },
      { bytes, name: '巡检报告.pdf' },
    );
    const note = await upload(
      'vendor-engineer',
      `/contracts/${contractId}/documents`,
      { kind: 'care-visit-note', title: '回访' },
      { bytes: Buffer.from('note'), name: 'n.txt' },
    );
    const report = (documentRef: string, sha256: string) =>
      stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/inspections/2Q1/report`, {
        inspectionDate: '2026-01-20',
        engineer: '李工',
        findings: [],
        recommendations: [],
        documentRef,
        sha256,
      });
    const wrongHash = await report(`${doc.body.id}@1`, 'b'.repeat(64));
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.body.error).toMatchObject({ code: 'DOCUMENT_HASH_MISMATCH', field: 'sha256', clause: '4.3' });
    expect((await report(`${doc.body.id}@2`, sha(bytes))).body.error.code).toBe('UNKNOWN_DOCUMENT');
    expect((await report(`${note.body.id}@1`, sha(Buffer.from('note')))).body.error.code).toBe('WRONG_DOCUMENT_KIND');
    // No worker or inspection workflow runs in this file: a citation that passes the check reaches the case layer (503 no worker / 404 no case), never 400.
    expect([404, 503]).toContain((await report(`${doc.body.id}@1`, sha(bytes))).status);
    expect([404, 503]).toContain((await report('纸质档案 2026-001', sha(bytes))).status);
  });

  it("when the acceptance package of a year is assembled, then it lists that year's documents with version and hash", async () => {
    const { createActivities } = await import('../../src/activities');
    const { createLogger } = await import('../../src/logger');
    const acts = createActivities({
      pool: stack.db.pool,
      log: createLogger('silent'),
      notifier: {
        async send() {
          /* unused */
        },
      },
    });
    const pkg = await acts.assembleAcceptancePackage({
      contractId,
      year: 2,
      fromMs: Date.parse('2026-01-02T09:00:00+08:00'),
      toMs: Date.parse('2027-01-02T09:00:00+08:00'),
      atMs: Date.now(),
    });
    const cited = pkg.documents!.find((d) => d.subject === `inspection:${contractId}:2Q1`);
    expect(cited).toMatchObject({
      kind: 'inspection-report',
      version: 1,
      filename: '巡检报告.pdf',
      sha256: sha(pdfBytes('巡检报告 2Q1')),
    });
  });
});
