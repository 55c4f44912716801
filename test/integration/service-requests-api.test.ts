import { createHash } from 'node:crypto';
import type { Role } from '../../src/api/auth';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { addDays, shanghaiDate } from '../../src/domain/time';

// Issue 18 through the API: a service request raised by the hospital, its due date agreed,
// acknowledged, delivered, sent back and accepted, every step on the PostgreSQL record; the
// refusals answer 409 naming the clause; a licence registered as lapsed is a 4.4 breach the
// approver prices under 6.5 into the ledger.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => shanghaiDate(Date.now());
/** Stores a service-evidence document and answers its citation (issue 14's shape). */
async function evidence(contractId: string, text: string, role: Role = 'vendor-engineer') {
  const bytes = Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
  const form = new FormData();
  form.append('kind', 'service-evidence');
  form.append('title', text);
  form.append('file', new Blob([bytes]), 'evidence.pdf');
  const res = await fetch(`${stack.baseUrl}/contracts/${contractId}/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${stack.keys[role]}` },
  });
  const doc = (await res.json()) as { id: string; latest: { version: number; sha256: string } };
  expect(doc.latest.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return { documentRef: `${doc.id}@${doc.latest.version}`, sha256: doc.latest.sha256 };
}
const base = (c: string, id: string) => `/contracts/${c}/service-requests/${id}`;

it('when the hospital raises a request and the vendor delivers it, then each step is on the record and the refusals name the clause', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 86_400_000).toISOString() });
  const body = {
    requestId: 'dict',
    clause: '4.7',
    title: 'database dictionary',
    description: 'the database dictionary of the OA platform',
    proposedDueDate: addDays(today(), 14),
  };
  expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/service-requests`, body)).status).toBe(403);
  const bad = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/service-requests`, {
    ...body,
    clause: '9.9',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('clause');
  const raised = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/service-requests`, body);
  expect(raised.status).toBe(201);
  expect(raised.body).toMatchObject({ workflowId: `service:${c.id}:dict`, clause: '4.7' });
  // A retry answers what the first answer was, before and after the case's first record write.
  const retry = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/service-requests`, body);
  expect([retry.status, retry.body]).toEqual([200, raised.body]);

  const u = base(c.id, 'dict');
  const own = await eventually(async () => {
    const r = await stack.call('hospital-approver', 'POST', `${u}/due-date/accept`, {});
    return r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);
  expect(own.status).toBe(409);
  expect(own.body.error).toMatchObject({ code: 'OWN_PROPOSAL', clause: '4.7' });
  expect((await stack.call('vendor-engineer', 'POST', `${u}/due-date/accept`, {})).body.due).toMatchObject({
    date: body.proposedDueDate,
    proposedBy: 'hospital',
  });
  const later = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/service-requests`, body);
  expect([later.status, later.body]).toEqual([200, raised.body]);
  const v1 = await evidence(c.id, 'database dictionary v1');
  const v2 = await evidence(c.id, 'database dictionary v2');
  const early = await stack.call('vendor-engineer', 'POST', `${u}/deliver`, { evidence: [v1] });
  expect(early.status).toBe(409);
  expect(early.body.error).toMatchObject({ code: 'NOT_ACKNOWLEDGED', clause: '4.7' });
  expect((await stack.call('vendor-engineer', 'POST', `${u}/acknowledge`, {})).status).toBe(200);
  expect((await stack.call('vendor-engineer', 'POST', `${u}/start`, {})).body.status).toBe('in-progress');
  // Issue 14's one citation shape, checked against the store: each refusal names its nested field and the clause.
  const deliver = (ev: unknown) => stack.call('vendor-engineer', 'POST', `${u}/deliver`, { evidence: ev });
  const refusals: [unknown, string, string][] = [
    [['dictionary-v1'], 'INVALID_INPUT', 'evidence.0'],
    [[v1, { documentRef: v2.documentRef }], 'INVALID_INPUT', 'evidence.1.sha256'],
    [[v1, { documentRef: `doc_${'0'.repeat(32)}@1`, sha256: v1.sha256 }], 'UNKNOWN_DOCUMENT', 'evidence.1.documentRef'],
    [[{ ...v2, sha256: v1.sha256 }], 'DOCUMENT_HASH_MISMATCH', 'evidence.0.sha256'],
  ];
  for (const [ev, code, field] of refusals) {
    const r = await deliver(ev);
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, code, field]);
    if (code !== 'INVALID_INPUT') expect(r.body.error.clause).toBe('4.7');
  }
  expect((await deliver([v1])).status).toBe(200);
  const twice = await deliver([v2]);
  expect(twice.body.error).toMatchObject({ code: 'DELIVERY_PENDING', clause: '4.7' });
  const large = await stack.call('vendor-engineer', 'POST', `${u}/large-change`, { reason: 'big' });
  expect(large.status).toBe(409);
  expect(large.body.error).toMatchObject({ code: 'NOT_PERSONALISATION', clause: '5.4' });
  const noReason = await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'send-back' });
  expect(noReason.body.error).toMatchObject({ code: 'REASON_REQUIRED', clause: '4.7' });
  expect(
    (await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'send-back', reason: 'tables missing' }))
      .body.deliveries[0].review,
  ).toMatchObject({ decision: 'sent-back', reason: 'tables missing' });
  expect((await deliver([v2])).body.deliveries[1].evidence).toEqual([v2]);
  expect((await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'accept' })).body.status).toBe(
    'accepted',
  );
  const closed = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', u);
    return r.body?.record?.closed ? r : undefined;
  }, 20_000);
  expect(closed.body).toMatchObject({
    status: 'accepted',
    breach: null,
    record: { awaiting: 'none', breached: false },
  });
  const after = await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'accept' });
  expect(after.status).toBe(409);
  expect(after.body.error).toMatchObject({ code: 'CASE_CLOSED', clause: '4.7' });

  const list = await stack.call('vendor-engineer', 'GET', `/contracts/${c.id}/service-requests?clause=4.7`);
  expect(list.body.items).toEqual([expect.objectContaining({ requestId: 'dict', status: 'accepted', closed: true })]);
  const { rows: facts } = await stack.db.pool.query('SELECT type FROM case_facts WHERE case_id = $1 ORDER BY seq', [
    `service:${c.id}:dict`,
  ]);
  expect(facts.map((f) => f.type)).toEqual([
    'request.raised',
    'due-date.agreed',
    'request.acknowledged',
    'work.started',
    'delivery.made',
    'delivery.sent-back',
    'delivery.made',
    'delivery.accepted',
  ]);
  const { rows: outbox } = await stack.db.pool.query(
    'SELECT topic, recipients FROM notifications_outbox WHERE case_id = $1 ORDER BY fact_seq, key',
    [`service:${c.id}:dict`],
  );
  expect(outbox).toEqual(
    expect.arrayContaining([
      { topic: 'service.raised', recipients: 'vendor' },
      { topic: 'service.delivered', recipients: 'hospital' },
      { topic: 'service.delivery-reviewed', recipients: 'vendor' },
    ]),
  );
  const { rows: audit } = await stack.db.pool.query('SELECT action FROM audit_log WHERE target = $1 ORDER BY id', [
    `service:${c.id}:dict`,
  ]);
  expect(audit.map((a) => a.action)).toContain('service-request.deliver');
  // The yearly O&M record (clause 3) lists the request with its agreed date and acceptance.
  const om = await stack.call('auditor', 'GET', `/contracts/${c.id}/reports/om-record?year=1`);
  expect(om.status).toBe(200);
  expect(om.body.serviceRequests).toEqual([
    expect.objectContaining({
      requestId: 'dict',
      clause: '4.7',
      dueDate: body.proposedDueDate,
      status: 'accepted',
      breach: null,
    }),
  ]);
});

it('when a licence is registered that lapsed yesterday, then 4.4 is breached and the approver prices it under 6.5 into the ledger', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  const reg = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/licences`, {
    requestId: 'db',
    name: 'database enterprise licence',
    expiresOn: addDays(today(), -1),
  });
  expect(reg.status).toBe(201);
  const u = base(c.id, 'db');
  const lapsed = await eventually(async () => {
    const r = await stack.call('hospital-approver', 'GET', u);
    return r.body?.breach ? r : undefined;
  }, 20_000);
  expect(lapsed.body.breach).toMatchObject({ clause: '4.4', pricedUnder: '6.5', priced: false });
  expect(lapsed.body.record).toMatchObject({ breached: true, awaiting: 'hospital' });
  expect((await stack.call('hospital-operator', 'POST', `${u}/breach/price`, { ratePercent: '0.05' })).status).toBe(
    403,
  );
  const out = await stack.call('hospital-approver', 'POST', `${u}/breach/price`, { ratePercent: '0.5' });
  expect(out.status).toBe(400);
  expect(out.body.error).toMatchObject({ field: 'ratePercent', clause: '6.5' });
  expect((await stack.call('hospital-approver', 'POST', `${u}/breach/price`, { ratePercent: '0.05' })).status).toBe(
    200,
  );
  const again = await stack.call('hospital-approver', 'POST', `${u}/breach/price`, { ratePercent: '0.05' });
  expect(again.body.error).toMatchObject({ code: 'NO_UNPRICED_BREACH', clause: '6.5' });
  const entry = await eventually(async () => {
    const r = await stack.call('finance', 'GET', `/ledger?contractId=${c.id}`);
    return r.body.items?.find((e: { caseId: string }) => e.caseId === `service:${c.id}:db`);
  }, 20_000);
  expect(entry).toMatchObject({ clause: '6.5', amountFen: '61728', caseKind: 'service', status: 'proposed' });
  expect(entry.fact).toMatch(/4\.4/);
  const om = await stack.call('auditor', 'GET', `/contracts/${c.id}/reports/om-record?year=1`);
  expect(om.body.serviceRequests).toEqual([
    expect.objectContaining({
      requestId: 'db',
      clause: '4.4',
      breach: expect.objectContaining({ pricedUnder: '6.5' }),
    }),
  ]);
});

it('when a licence renewal is accepted, then its case closes as renewed and the next expiry is a case of its own, opened once', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 86_400_000).toISOString() });
  const expiresOn = addDays(today(), 10);
  const renewedUntil = addDays(expiresOn, 365);
  const reg = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/licences`, {
    requestId: 'mw',
    name: '中间件许可',
    expiresOn,
    documents: [await evidence(c.id, '中间件许可证', 'hospital-operator')],
  });
  expect(reg.status).toBe(201);
  const u = base(c.id, 'mw');
  await eventually(async () => {
    const r = await stack.call('vendor-engineer', 'POST', `${u}/acknowledge`, {});
    return r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);
  const cert = await evidence(c.id, '续期许可证');
  expect((await stack.call('vendor-engineer', 'POST', `${u}/deliver`, { evidence: [cert], renewedUntil })).status).toBe(
    200,
  );
  const accepted = await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'accept' });
  expect(accepted.body.status).toBe('renewed');
  const nextId = `mw.${renewedUntil.replace(/-/g, '')}`;
  const closed = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', u);
    return r.body?.record?.closed ? r : undefined;
  }, 20_000);
  expect(closed.body).toMatchObject({
    status: 'renewed',
    renewal: { expiresOn: renewedUntil, workflowId: `service:${c.id}:${nextId}` },
  });
  const again = await stack.call('hospital-operator', 'POST', `${u}/review`, { decision: 'accept' });
  expect([again.status, again.body.error.code, again.body.error.clause]).toEqual([409, 'CASE_CLOSED', '4.4']);
  const next = await eventually(async () => {
    const r = await stack.call('vendor-engineer', 'GET', base(c.id, nextId));
    return r.status === 200 ? r : undefined;
  }, 20_000);
  expect(next.body).toMatchObject({
    clause: '4.4',
    origin: 'licence',
    status: 'open',
    due: { date: renewedUntil },
    licence: { expiresOn: renewedUntil, firstRequestId: 'mw', renewalOf: `service:${c.id}:mw` },
  });
  // The Web UI's summary (issue 15): family, clause, title and due date, for the first and the renewed case alike.
  const summary = (id: string) => stack.client.workflow.getHandle(`service:${c.id}:${id}`).describe();
  expect(await (await summary('mw')).staticSummary()).toBe(
    `服务请求 · 第 4.4 条 · licence 中间件许可 · 截止 ${expiresOn}`,
  );
  expect(await (await summary(nextId)).staticSummary()).toBe(
    `服务请求 · 第 4.4 条 · licence 中间件许可 · 截止 ${renewedUntil}`,
  );
  const list = await stack.call('auditor', 'GET', `/contracts/${c.id}/service-requests?clause=4.4`);
  expect(list.body.items.map((i: { requestId: string; status: string }) => [i.requestId, i.status]).sort()).toEqual([
    ['mw', 'renewed'],
    [nextId, 'open'],
  ]);
});
