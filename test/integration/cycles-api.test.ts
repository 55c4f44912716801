// The yearly acceptance (3, 8, 10) and customer care (4.1) through the HTTP API, against the
// real API, PostgreSQL and the dev server: role rules (403), state rules (409 naming the rule
// and clause), the clause-3 extension on the contract, the clause-10 payment less the confirmed
// deductions of the year, finance marking it paid, and an idempotent care log.
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { scheduleId } from '../../src/temporal/schedule-options';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;

async function acceptanceOpen(contractId: string): Promise<void> {
  // The yearly schedule fires now (year 2 of a contract signed 400 days ago): the launcher starts
  // acceptance:<c>:1, whose year has ended, so it opens for the vendor's submission.
  await stack.client.schedule.getHandle(scheduleId(contractId, 'acceptance')).trigger();
  await eventually(
    async () =>
      (await stack.call('auditor', 'GET', `/contracts/${contractId}/acceptances/1`)).body?.status ===
      'awaiting-submission',
    20_000,
  );
}

test('when year 1 is failed with reasons and then passed, then the term extension shows on the contract and year 2 is released less the confirmed deductions, and finance marks it paid', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 400 * DAY).toISOString() });
  // One confirmed 6.5 deduction in year 1 (the approver's rate), through the ledger API.
  const proposed = await stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c.id,
    clause: '6.5',
    rate: '0.1',
    fact: 'database dictionary not delivered (4.7)',
    occurredAt: new Date(Date.now() - 200 * DAY).toISOString(),
  });
  expect(proposed.status).toBe(201);
  expect((await stack.call('hospital-approver', 'POST', `/ledger/${proposed.body.id}/confirm`, {})).status).toBe(200);
  await acceptanceOpen(c.id);
  const path = `/contracts/${c.id}/acceptances/1`;

  expect((await stack.call('hospital-approver', 'POST', `${path}/submit`, {})).status).toBe(403);
  const submitted = await stack.call('vendor-engineer', 'POST', `${path}/submit`, { note: 'year 1 package' });
  expect(submitted.status).toBe(200);
  expect(submitted.body).toMatchObject({
    status: 'submitted',
    package: { penalties: { confirmedFen: proposed.body.amountFen } },
  });

  expect(
    (
      await stack.call('vendor-engineer', 'POST', `${path}/decision`, {
        outcome: 'pass',
        hospitalSignatory: 'a',
        vendorSignatory: 'b',
      })
    ).status,
  ).toBe(403);
  expect(
    (await stack.call('hospital-operator', 'POST', `${path}/decision`, { outcome: 'fail', reasons: ['x'] })).status,
  ).toBe(403);
  const noReasons = await stack.call('hospital-approver', 'POST', `${path}/decision`, { outcome: 'fail' });
  expect(noReasons.status).toBe(400);
  expect(noReasons.body.error).toMatchObject({ field: 'reasons', clause: '3' });
  const failed = await stack.call('hospital-approver', 'POST', `${path}/decision`, {
    outcome: 'fail',
    reasons: ['Q3 report incomplete'],
  });
  expect(failed.status).toBe(200);
  expect(failed.body).toMatchObject({ status: 'failed', round: 1 });
  const twice = await stack.call('hospital-approver', 'POST', `${path}/decision`, {
    outcome: 'fail',
    reasons: ['again'],
  });
  expect(twice.status).toBe(409);
  expect(twice.body.error).toMatchObject({ code: 'ACCEPTANCE_NOT_SUBMITTED', clause: '8' });

  const extended = await stack.call('auditor', 'GET', `/contracts/${c.id}`);
  expect(extended.body).toMatchObject({
    termExtensions: [expect.objectContaining({ contractYear: 1, untilAt: null })],
    termEndsAt: null,
    currentContractYear: 1,
  });
  expect(
    (await stack.call('finance', 'GET', `/contracts/${c.id}/payments`)).body.items.map((p: { year: number }) => p.year),
  ).toEqual([1]);

  expect((await stack.call('vendor-engineer', 'POST', `${path}/submit`, {})).status).toBe(200);
  // Clause 8: the form signed and sealed, its scan stored as an acceptance-scan and cited by the pass.
  const form = new FormData();
  form.append('kind', 'acceptance-scan');
  form.append('title', '运维验收单（医院留存第1份）');
  form.append('subject', `acceptance:${c.id}:1`);
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n% 验收单扫描件\n%%EOF\n')]), '验收单.pdf');
  const scan = (await (
    await fetch(`${stack.baseUrl}/contracts/${c.id}/documents`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${stack.keys['hospital-approver']}` },
    })
  ).json()) as { id: string; latest: { sha256: string } };
  const signedForms = [{ documentRef: `${scan.id}@1`, sha256: scan.latest.sha256 }];
  const passed = await stack.call('hospital-approver', 'POST', `${path}/decision`, {
    outcome: 'pass',
    hospitalSignatory: 'dir-zhao',
    vendorSignatory: 'pm-chen',
    signedForms,
  });
  expect(passed.status).toBe(200);
  expect(passed.body).toMatchObject({ status: 'passed', paymentId: expect.any(String) });
  expect(passed.body.decisions.at(-1)).toMatchObject({ outcome: 'pass', signedForms });
  expect((await stack.call('auditor', 'GET', path)).body.record).toMatchObject({ signedForms });
  const again = await stack.call('hospital-approver', 'POST', `${path}/decision`, {
    outcome: 'pass',
    hospitalSignatory: 'x',
    vendorSignatory: 'y',
  });
  expect(again.status).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'CASE_CLOSED', clause: '8' });
  // A year that is not a positive integer is a 400 naming it, not a database error (500).
  for (const bad of ['abc', '1.5', '0']) {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances/${bad}`);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('year');
  }
  expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/acceptances/abc/submit`, {})).status).toBe(
    400,
  );

  const contract = (await stack.call('auditor', 'GET', `/contracts/${c.id}`)).body;
  expect(contract.termExtensions.at(-1)).toMatchObject({ contractYear: 1, untilAt: expect.any(String) });
  // Clause 3: the term is known again once the failed year passes (it ends after the remaining years).
  expect(contract.termEndsAt).toEqual(expect.any(String));
  expect(Date.parse(contract.termEndsAt) - Date.parse(contract.termExtensions.at(-1).untilAt)).toBeGreaterThanOrEqual(
    2 * 365 * 86_400_000,
  );
  const record = (await stack.call('auditor', 'GET', path)).body.record;
  expect(record).toMatchObject({
    hospitalSignatory: 'dir-zhao',
    vendorSignatory: 'pm-chen',
    copiesHospital: 2,
    copiesVendor: 1,
    hospitalSealed: true,
    vendorSealed: true,
  });

  const payments = (await stack.call('finance', 'GET', `/contracts/${c.id}/payments`)).body.items;
  const year2 = payments.find((p: { year: number }) => p.year === 2);
  expect(year2).toMatchObject({
    id: passed.body.paymentId,
    feeFen: '41152263',
    deductionsFen: proposed.body.amountFen,
    status: 'released',
  });
  expect(BigInt(year2.amountFen)).toBe(41152263n - BigInt(proposed.body.amountFen));
  expect((await stack.call('vendor-engineer', 'POST', `/payments/${year2.id}/paid`, {})).status).toBe(403);
  const paid = await stack.call('finance', 'POST', `/payments/${year2.id}/paid`, { reference: 'bank-2026-001' });
  expect(paid.body).toMatchObject({ status: 'paid', paidReference: 'bank-2026-001', amountFen: year2.amountFen });
  const audit = await eventually(async () => {
    const { rows } = await stack.db.pool.query(
      `SELECT action, outcome FROM audit_log WHERE target = $1 AND outcome = 'ok' ORDER BY id`,
      [`acceptance:${c.id}:1`],
    );
    return rows.length >= 4 ? rows : undefined;
  });
  expect(audit.map((r) => r.action)).toEqual([
    'acceptance.submit',
    'acceptance.fail',
    'acceptance.submit',
    'acceptance.pass',
  ]);
});

test('when the vendor posts a care log with an Idempotency-Key and retries it, then the same log comes back once', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 10 * DAY).toISOString() });
  const log = {
    kind: 'visit',
    occurredAt: new Date(Date.now() - DAY).toISOString(),
    channel: 'phone',
    withWhom: 'IT head Liu',
    topics: ['product use', 'network security'],
  };
  const headers = { 'idempotency-key': `care-${c.id}-1` };
  expect((await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/care-logs`, log, headers)).status).toBe(
    403,
  );
  const first = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/care-logs`, log, headers);
  expect(first.status).toBe(201);
  const retry = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/care-logs`, log, headers);
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  const bad = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/care-logs`, { ...log, surprise: 1 });
  expect(bad.status).toBe(400);
  const list = await stack.call('auditor', 'GET', `/contracts/${c.id}/care-logs`);
  expect(list.body.items).toEqual([
    expect.objectContaining({
      id: first.body.id,
      kind: 'visit',
      withWhom: 'IT head Liu',
      loggedBy: 'test-vendor-engineer',
    }),
  ]);
});
