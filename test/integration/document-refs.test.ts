import { createHash } from 'node:crypto';
import type { Role } from '../../src/api/auth';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

// Issue 14: a care visit's note (4.1), an engineer's qualification (4.2), a remediation's
// evidence (4.6) and the signed acceptance form scans (8) cite stored documents
// (<documentId>@<version> with its sha256), checked against the store as the inspection report
// (4.3) and the fault analysis (4.9.2) are: the version exists, is of this contract and of the
// kind the fact needs, and has that hash; else 400 naming the field and the clause.
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function upload(kind: string, bytes: Buffer, role: Role = 'vendor-engineer', contract = contractId) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', '回访记录');
  form.append('file', new Blob([bytes]), 'visit.pdf');
  const res = await fetch(`${stack.baseUrl}/contracts/${contract}/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys[role]}` },
  });
  return (await res.json()) as any;
}
const pdf = (t: string) =>
  Buffer.from(`%PDF-1.4\n% ${t}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');

it('when a care log cites a stored care-visit note, then a wrong hash, kind or half a reference is 400 naming the field, and the right one is kept with the log', async () => {
  const note = pdf('回访记录 2025Q2');
  const doc = await upload('care-visit-note', note);
  const other = await upload('other', pdf('x'));
  const log = (extra: Record<string, unknown>) =>
    stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/care-logs`, {
      kind: 'visit',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      channel: 'phone',
      withWhom: '信息科王主任',
      topics: ['产品使用', '网络安全'],
      ...extra,
    });
  const wrong = await log({ documentRef: `${doc.id}@1`, sha256: '0'.repeat(64) });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error).toMatchObject({ code: 'DOCUMENT_HASH_MISMATCH', field: 'sha256', clause: '4.1' });
  expect((await log({ documentRef: `${other.id}@1`, sha256: other.latest.sha256 })).body.error.code).toBe(
    'WRONG_DOCUMENT_KIND',
  );
  expect((await log({ documentRef: `${doc.id}@1` })).body.error.field).toBe('sha256');
  expect((await log({ documentRef: 'paper-archive-7', sha256: sha(note) })).body.error.field).toBe('documentRef');
  const ok = await log({ documentRef: `${doc.id}@1`, sha256: `sha256:${sha(note)}` });
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({ documentRef: `${doc.id}@1`, sha256: sha(note) });
  const listed = (await stack.call('auditor', 'GET', `/contracts/${contractId}/care-logs`)).body.items;
  expect(listed.find((l: any) => l.id === ok.body.id)).toMatchObject({ documentRef: `${doc.id}@1` });
  expect(
    (await stack.db.pool.query('SELECT count(*)::int AS n FROM care_logs WHERE contract_id = $1', [contractId])).rows[0]
      .n,
  ).toBe(1); // refusals wrote nothing
});

const engineer = (engineerId: string, extra: Record<string, unknown> = {}) => ({
  engineerId,
  name: '李工',
  qualification: '原厂认证工程师',
  yearsOnProduct: 3,
  fixed: true,
  ...extra,
});

it("when an engineer's qualification cites a stored document, then another kind, another contract's or a wrong hash is 400 naming the engineer's field, nothing is registered, and the right one is kept on the register", async () => {
  const c = (await createContract(stack)).id;
  const cert = pdf('资质证书 李工');
  const doc = await upload('staff-qualification', cert, 'vendor-engineer', c);
  const note = await upload('care-visit-note', pdf('n'), 'vendor-engineer', c);
  const elsewhere = await upload('staff-qualification', cert, 'vendor-engineer', contractId);
  const register = (qualificationDocument: unknown) =>
    stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff`, {
      engineers: [engineer('e0'), engineer('e1', { qualificationDocument })],
    });
  const field = 'engineers.1.qualificationDocument';
  expect((await register({ documentRef: `${note.id}@1`, sha256: note.latest.sha256 })).body.error).toMatchObject({
    code: 'WRONG_DOCUMENT_KIND',
    field: `${field}.documentRef`,
    clause: '4.2',
  });
  expect((await register({ documentRef: `${elsewhere.id}@1`, sha256: sha(cert) })).body.error).toMatchObject({
    code: 'UNKNOWN_DOCUMENT',
    field: `${field}.documentRef`,
  });
  expect((await register({ documentRef: `${doc.id}@1`, sha256: 'c'.repeat(64) })).body.error).toMatchObject({
    code: 'DOCUMENT_HASH_MISMATCH',
    field: `${field}.sha256`,
  });
  expect((await register({ documentRef: '纸质证书', sha256: sha(cert) })).body.error.field).toBe(
    `${field}.documentRef`,
  );
  expect((await stack.call('auditor', 'GET', `/contracts/${c}/staff`)).body.items).toEqual([]);

  const ok = await register({ documentRef: `${doc.id}@1`, sha256: `sha256:${sha(cert).toUpperCase()}` });
  expect(ok.status).toBe(201);
  const listed = (await stack.call('auditor', 'GET', `/contracts/${c}/staff`)).body.items;
  expect(listed.map((e: any) => [e.engineerId, e.qualificationDocument ?? null])).toEqual([
    ['e0', null],
    ['e1', { documentRef: `${doc.id}@1`, sha256: sha(cert) }],
  ]);

  // An engineer added by a change request is checked the same way, before any change is recorded.
  const change = await stack.call('vendor-engineer', 'POST', `/contracts/${c}/staff-changes`, {
    effectiveDate: '2030-01-02',
    remove: [],
    add: [engineer('e2', { qualificationDocument: { documentRef: `${note.id}@1`, sha256: note.latest.sha256 } })],
    reason: '新增工程师',
  });
  expect(change.status).toBe(400);
  expect(change.body.error).toMatchObject({
    code: 'WRONG_DOCUMENT_KIND',
    field: 'add.0.qualificationDocument.documentRef',
  });
  expect(
    (await stack.db.pool.query('SELECT count(*)::int AS n FROM staff_change_requests WHERE contract_id = $1', [c]))
      .rows[0].n,
  ).toBe(0);
});

it('when a remediation cites its evidence or a pass cites the signed form scans, then a document of another kind or hash is 400 naming the field and clause before the case is asked', async () => {
  const evidence = await upload('remediation-evidence', pdf('整改证明'));
  const scan = await upload('acceptance-scan', pdf('验收单 扫描件 第1份'), 'hospital-approver');
  const resolve = (cite: unknown) =>
    stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/inspections/1Q1/remediation/R1/resolve`, {
      evidence: cite,
    });
  expect((await resolve({ documentRef: `${scan.id}@1`, sha256: scan.latest.sha256 })).body.error).toMatchObject({
    code: 'WRONG_DOCUMENT_KIND',
    field: 'evidence.documentRef',
    clause: '4.6',
  });
  expect((await resolve({ documentRef: `${evidence.id}@1`, sha256: 'd'.repeat(64) })).body.error).toMatchObject({
    code: 'DOCUMENT_HASH_MISMATCH',
    field: 'evidence.sha256',
  });
  // No worker runs in this file: a citation that passes reaches the case layer (503 / 404), never 400.
  expect([404, 503]).toContain(
    (await resolve({ documentRef: `${evidence.id}@1`, sha256: evidence.latest.sha256 })).status,
  );

  const decide = (body: Record<string, unknown>) =>
    stack.call('hospital-approver', 'POST', `/contracts/${contractId}/acceptances/1/decision`, {
      outcome: 'pass',
      hospitalSignatory: '赵主任',
      vendorSignatory: '陈经理',
      ...body,
    });
  const forms = (...cites: unknown[]) => ({ signedForms: cites });
  const good = { documentRef: `${scan.id}@1`, sha256: scan.latest.sha256 };
  expect(
    (await decide(forms(good, { documentRef: `${evidence.id}@1`, sha256: evidence.latest.sha256 }))).body.error,
  ).toMatchObject({
    code: 'WRONG_DOCUMENT_KIND',
    field: 'signedForms.1.documentRef',
    clause: '8',
  });
  expect((await decide(forms(good, good, good, good))).body.error.field).toBe('signedForms');
  expect((await decide({ outcome: 'fail', reasons: ['x'], ...forms(good) })).body.error.field).toBe('signedForms');
  expect([404, 503]).toContain((await decide(forms(good))).status);
});
