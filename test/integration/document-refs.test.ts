import { createHash } from 'node:crypto';
import { createContract } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

// Issue 14: a care visit's note (4.1) cites a stored document (<documentId>@<version> with its
// sha256), checked against the store as the inspection report (4.3) and the fault analysis (4.9.2) are.
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
async function upload(kind: string, bytes: Buffer) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', '回访记录');
  form.append('file', new Blob([bytes]), 'visit.pdf');
  const res = await fetch(`${stack.baseUrl}/contracts/${contractId}/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys['vendor-engineer']}` },
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
