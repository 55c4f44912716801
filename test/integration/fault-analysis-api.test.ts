import { createHash } from 'node:crypto';
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// 4.9.2 through the real API, worker, PostgreSQL and dev server: the analysis cites a stored
// document (doc_…@N, checked against the store), the hospital rejects it with a reason inside
// the fault case, the vendor resubmits a new version, the hospital accepts; each move announced,
// and the document shows the case's review of each version (the one review path).
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
async function upload(path: string, fields: Record<string, string>, bytes: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes]), 'analysis.pdf');
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys['vendor-engineer']}` },
  });
  return { status: res.status, body: (await res.json()) as any };
}
const act = (role: Parameters<Stack['call']>[0], id: string, action: string, body: Record<string, unknown>) =>
  stack.call(role, 'POST', `/faults/${encodeURIComponent(id)}/${action}`, body);
const outbox = async (caseId: string) =>
  (
    await stack.db.pool.query(
      `SELECT key, topic, body FROM notifications_outbox WHERE case_id = $1 OR body->>'caseId' = $1 ORDER BY created_at, key`,
      [caseId],
    )
  ).rows;

it('when the analysis cites a stored document, then a wrong hash or kind is 400, the hospital rejects with a reason, the vendor resubmits and the hospital accepts', async () => {
  const { caseId } = (
    await stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
      level: 1,
      title: 'HIS down',
      channel: 'phone',
      reporter: 'Nurse Li',
    })
  ).body;
  expect((await act('vendor-engineer', caseId, 'respond', { engineer: 'Wang', how: 'remote' })).status).toBe(200);
  const v1 = pdf('故障分析 第一版');
  const doc = (
    await upload(
      `/contracts/${contractId}/documents`,
      { kind: 'fault-analysis', title: '故障分析', subject: caseId },
      v1,
    )
  ).body;
  const other = (await upload(`/contracts/${contractId}/documents`, { kind: 'other', title: '其他' }, pdf('x'))).body;

  const wrongHash = await act('vendor-engineer', caseId, 'analysis', {
    reference: `${doc.id}@1`,
    checksum: `sha256:${'0'.repeat(64)}`,
  });
  expect(wrongHash.status).toBe(400);
  expect(wrongHash.body.error).toMatchObject({ code: 'DOCUMENT_HASH_MISMATCH', clause: '4.9.2' });
  expect(
    (await act('vendor-engineer', caseId, 'analysis', { reference: `${other.id}@1`, checksum: other.latest.sha256 }))
      .body.error.code,
  ).toBe('WRONG_DOCUMENT_KIND');
  expect(
    (await act('vendor-engineer', caseId, 'analysis', { reference: `${doc.id}@2`, checksum: sha(v1) })).body.error,
  ).toMatchObject({ code: 'UNKNOWN_DOCUMENT', field: 'reference' });

  expect(
    (await act('vendor-engineer', caseId, 'analysis', { reference: `${doc.id}@1`, checksum: `sha256:${sha(v1)}` }))
      .status,
  ).toBe(200);
  expect((await act('vendor-engineer', caseId, 'analysis-review', { decision: 'accept' })).status).toBe(403);
  expect((await act('hospital-operator', caseId, 'analysis-review', { decision: 'reject' })).body.error.field).toBe(
    'reason',
  );
  const rejected = await act('hospital-operator', caseId, 'analysis-review', {
    decision: 'reject',
    reason: '缺少根因分析',
  });
  expect(rejected.status).toBe(200);
  expect(rejected.body.deadlines.find((d: { kind: string }) => d.kind === 'analysis')).toMatchObject({
    status: 'pending',
  });

  const v2 = pdf('故障分析 第二版');
  expect((await upload(`/documents/${doc.id}/versions`, {}, v2)).status).toBe(201);
  expect(
    (await act('vendor-engineer', caseId, 'analysis', { reference: `${doc.id}@2`, checksum: sha(v2) })).status,
  ).toBe(200);
  const accepted = await act('hospital-approver', caseId, 'analysis-review', { decision: 'accept' });
  expect(accepted.body.deadlines.find((d: { kind: string }) => d.kind === 'analysis')).toMatchObject({ status: 'met' });
  expect(accepted.body.fact).toMatchObject({
    type: 'analysis.accepted',
    detail: { submission: 2, reference: `${doc.id}@2` },
  });

  // The document shows the case's review of each version (one review path, issue 14), and both
  // versions stay byte-identical to their upload.
  const shown = (await stack.call('auditor', 'GET', `/documents/${doc.id}`)).body;
  expect(shown.versions.map((v: any) => [v.version, v.sha256, v.review])).toEqual([
    [
      1,
      sha(v1),
      expect.objectContaining({
        decision: 'rejected',
        reason: '缺少根因分析',
        reviewedRole: 'hospital-operator',
        caseId,
      }),
    ],
    [
      2,
      sha(v2),
      expect.objectContaining({ decision: 'accepted', reason: null, reviewedRole: 'hospital-approver', caseId }),
    ],
  ]);
  for (const [n, bytes] of [
    [1, v1],
    [2, v2],
  ] as const) {
    const got = await fetch(`${stack.baseUrl}/documents/${doc.id}/versions/${n}/content`, {
      headers: { authorization: `Bearer ${stack.keys['hospital-operator']}` },
    });
    const body = Buffer.from(await got.arrayBuffer());
    expect([got.status, body.equals(bytes), sha(body)]).toEqual([200, true, sha(bytes)]);
  }

  const rows = await eventually(async () => {
    const r = await outbox(caseId);
    return r.filter((x) => x.topic.startsWith('fault.analysis')).length === 4 && r;
  });
  expect(
    rows
      .filter((x) => x.topic.startsWith('fault.analysis'))
      .map((x) => [x.topic, x.body.submission, x.body.decision ?? null]),
  ).toEqual([
    ['fault.analysis-submitted', 1, null],
    ['fault.analysis-reviewed', 1, 'rejected'],
    ['fault.analysis-submitted', 2, null],
    ['fault.analysis-reviewed', 2, 'accepted'],
  ]);
});
