import { addDays, addMonths, shanghaiDate } from '../../src/domain/time';
import { createActivities } from '../../src/activities';
import { goLivePeriodPenalty, goLiveProposedBreachEvent } from '../../src/domain/go-live';
import { createLogger } from '../../src/logger';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { agreed, createContract } from '../helpers/fixtures';

// Issue 6 through the API: role rules, 409s naming the rule and clause, audit, one happy path per workflow.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => shanghaiDate(Date.now());
const signedNow = (over: Record<string, unknown> = {}) =>
  createContract(stack, { signedAt: new Date(Date.now() - 60_000).toISOString(), ...over });
const audited = (action: string, target: string) =>
  eventually(async () => {
    const { rows } = await stack.db.pool.query('SELECT * FROM audit_log WHERE action = $1 AND target = $2', [
      action,
      target,
    ]);
    return rows[0];
  });
/** Retries while the workflow is still loading its terms (409 NOT_READY) or not yet started (404). */
const settle = async (fn: () => ReturnType<Stack['call']>) =>
  eventually(async () => {
    const r = await fn();
    return r.status === 404 || r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);

describe('signing obligations start with the contract (4.10, 6.3)', () => {
  it('when a contract with a go-live date is created, then the rectification, dongle and go-live workflows run under fixed ids', async () => {
    const c = await signedNow({ goLiveDate: addDays(today(), 30) });
    const o = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/obligations`);
      return r.body.rectification?.planDeadline?.lastDay &&
        r.body.dongle?.deadline?.lastDay &&
        r.body.goLive?.latestExtension
        ? r.body
        : undefined;
    }, 20_000);
    expect(o.goLive.latestExtension).toBe(addMonths(addDays(today(), 30), 1));
    const again = await stack.call('admin', 'POST', `/contracts/${c.id}/obligations/start`, {});
    expect(again.status).toBe(200); // already started is success
    expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/obligations/start`, {})).status).toBe(403);
  });
});

describe('rectification plan (6.3)', () => {
  it('when the vendor delivers a plan and the hospital accepts it, then items run and close; roles and rules are enforced', async () => {
    const c = await signedNow();
    const items = [
      { itemId: 'idx', description: 'rebuild slow indexes', dueDate: addDays(today(), 20) },
      {
        itemId: 'tenant',
        description: 'no multi-tenant mode',
        exemption: { explanation: 'the product architecture is single-tenant' },
      },
    ];
    const plan = { systemCheck: 'full system check done', problems: ['slow indexes'], items };
    expect((await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/rectification/plan`, plan)).status).toBe(
      403,
    );
    const bad = await settle(() =>
      stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/rectification/plan`, {
        ...plan,
        items: [{ itemId: 'x', description: 'y' }],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ clause: '6.3' });
    expect(
      (await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/rectification/plan`, { ...plan, extra: 1 }))
        .status,
    ).toBe(400);
    const ok = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/rectification/plan`, plan);
    expect(ok.status).toBe(200);
    const dup = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/rectification/plan`, plan);
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'PLAN_ALREADY_SUBMITTED', clause: '6.3' });
    await audited('rectification.plan', `rectification:${c.id}`);

    const review = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/rectification/review`, {
      decisions: [
        { itemId: 'idx', accepted: true },
        { itemId: 'tenant', accepted: true },
      ],
    });
    expect(review.status).toBe(200);
    expect(
      (await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/rectification/items/idx/done`, {})).status,
    ).toBe(403);
    expect(
      (await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/rectification/items/idx/done`, {})).status,
    ).toBe(200);
    const confirmed = await stack.call(
      'hospital-operator',
      'POST',
      `/contracts/${c.id}/rectification/items/idx/confirm`,
      { confirmed: true },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.items.map((i: { itemId: string; status: string }) => [i.itemId, i.status])).toEqual([
      ['idx', 'done'],
      ['tenant', 'exempt'],
    ]);
    // Every item closed: the obligation is done and refuses further records.
    const closed = await eventually(async () => {
      const r = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/rectification/plan-breach/price`, {
        ratePercent: '0.05',
      });
      return r.body.error?.code === 'CASE_CLOSED' ? r : undefined;
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ clause: '6.3' });
    const s = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(s.plan).toMatchObject({ late: false, by: 'test-vendor-engineer' });
  });
});

describe('go-live (6.3)', () => {
  it('when the vendor asks for more than a month, then 409 names 6.3; one extension within a month is approved by the approver only', async () => {
    const goLive = addDays(today(), 10);
    const c = await signedNow({ goLiveDate: goLive });
    const tooLong = await settle(() =>
      stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/go-live/extension`, {
        newDate: addDays(addMonths(goLive, 1), 1),
        reason: 'HR interface migration',
      }),
    );
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.error).toMatchObject({ code: 'EXTENSION_TOO_LONG', clause: '6.3' });
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/go-live/extension`, {
          newDate: addMonths(goLive, 1),
          reason: 'HR interface migration',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/go-live/extension/decision`, {
          approved: true,
        })
      ).status,
    ).toBe(403);
    const approved = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/go-live/extension/decision`, {
      approved: true,
      note: 'approved in writing',
    });
    expect(approved.body).toMatchObject({ deadlineDate: addMonths(goLive, 1), extension: { status: 'approved' } });
    const live = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/go-live/live`, {});
    expect(live.body).toMatchObject({ periodsCharged: 0, chargedFen: '0' });
  });
});

describe('dongle removal and the 6.6 exception (4.10, 6.6)', () => {
  it('when a restriction is traced to a recorded hospital change notified less than a week ahead, then it is exempt', async () => {
    const c = await signedNow();
    const change = {
      kind: 'ip',
      description: 'new subnet for the OA servers',
      changedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      notifiedAt: new Date(Date.now() - 4 * 86_400_000).toISOString(),
    };
    expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/hospital-changes`, change)).status).toBe(
      403,
    );
    const rec = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/hospital-changes`, change, {
      'idempotency-key': 'ip-1',
    });
    expect(rec.status).toBe(201);
    expect(rec.body.lateNotice).toBe(true);
    const again = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/hospital-changes`, change, {
      'idempotency-key': 'ip-1',
    });
    expect(again.body.changeId).toBe(rec.body.changeId);
    const declared = await settle(() =>
      stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/declaration`, {
        removed: [{ kind: 'licence-code', description: 'engine licence key' }],
        statement: 'every restriction is removed',
      }),
    );
    expect(declared.status).toBe(200);
    const twice = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/declaration`, {
      removed: [],
      statement: 'every restriction is removed',
    });
    expect(twice.body.error).toMatchObject({ code: 'ALREADY_DECLARED', clause: '4.10' });
    expect(
      (await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/dongle/verification`, { accepted: true }))
        .status,
    ).toBe(200);
    const found = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/dongle/findings`, {
      findingId: 'lic-1',
      description: 'licence check after the IP change',
      relatedChangeId: rec.body.changeId,
    });
    expect(found.status).toBe(200);
    const retried = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/dongle/findings`, {
      findingId: 'lic-1',
      description: 'licence check after the IP change',
      relatedChangeId: rec.body.changeId,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.findings).toHaveLength(1);
    const s = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`);
      const o = r.body.findings?.[0]?.outcome;
      return o && o !== 'pending' ? r.body : undefined;
    });
    expect(s.findings[0]).toMatchObject({ findingId: 'lic-1', outcome: 'exempt' });
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM ledger_entries WHERE contract_id = $1', [
      c.id,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('staff register and changes (4.2, 6.7)', () => {
  const eng = (engineerId: string, yearsOnProduct: number, fixed = true) => ({
    engineerId,
    name: engineerId,
    qualification: 'OA certified',
    yearsOnProduct,
    fixed,
  });

  it('when the register or a change leaves no qualified fixed engineer, then 409 names 4.2; a valid change is requested, checked and approved', async () => {
    const c = await signedNow();
    const none = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, { engineers: [eng('li', 1)] });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'NO_QUALIFIED_ENGINEER', clause: '4.2' });
    expect(
      (await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/staff`, { engineers: [eng('wang', 3)] }))
        .status,
    ).toBe(403);
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
          engineers: [eng('wang', 3), eng('li', 1)],
        })
      ).status,
    ).toBe(201);
    const twice = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
      engineers: [eng('zhao', 3)],
    });
    expect(twice.body.error).toMatchObject({ code: 'REGISTER_EXISTS', clause: '6.7' });

    const effectiveDate = addDays(today(), 20);
    const leavesNone = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, {
      effectiveDate,
      remove: ['wang'],
      add: [eng('zhang', 1)],
      reason: 'Wang leaves',
    });
    expect(leavesNone.status).toBe(409);
    expect(leavesNone.body.error).toMatchObject({ code: 'NO_QUALIFIED_ENGINEER', clause: '4.2' });
    const body = {
      requestId: 'swap-1',
      effectiveDate,
      remove: ['wang'],
      add: [eng('zhang', 4)],
      reason: 'Wang moves to another site',
    };
    const req = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, body);
    expect(req.status).toBe(201);
    await audited('staff-change.request', `staff-change:${c.id}:swap-1`);
    const detail = await settle(() => stack.call('auditor', 'GET', `/contracts/${c.id}/staff-changes/swap-1`));
    const s = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff-changes/swap-1`);
      return r.body.notice?.required ? r.body : undefined;
    });
    expect(detail.status).toBe(200);
    expect(s.notice).toMatchObject({ ok: true, required: 7 });
    // A retry once the case is recorded answers what the first answer was (a raced one did already).
    const retry = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(req.body);
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes/swap-1/decision`, {
          approved: true,
        })
      ).status,
    ).toBe(403);
    const approved = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/staff-changes/swap-1/decision`, {
      approved: true,
      note: 'approved in writing',
    });
    expect(approved.body.decision).toMatchObject({ approved: true, by: 'test-hospital-approver' });
    const decidedAgain = await stack.call(
      'hospital-approver',
      'POST',
      `/contracts/${c.id}/staff-changes/swap-1/decision`,
      { approved: false },
    );
    expect(decidedAgain.body.error).toMatchObject({ code: 'ALREADY_DECIDED', clause: '4.2' });
    const list = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff-changes`);
      return r.body.items?.find(
        (i: { requestId: string; status: string }) => i.requestId === 'swap-1' && i.status === 'approved',
      );
    }, 20_000);
    expect(list).toMatchObject({ awaiting: 'none', breached: false });
  });

  it('when two pending change requests would together leave no qualified engineer, then the second is refused with 409 naming 4.2 until the first is refused', async () => {
    const c = await signedNow();
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
          engineers: [eng('wang', 3), eng('zhao', 5), eng('li', 1)],
        })
      ).status,
    ).toBe(201);
    const first = {
      requestId: 'out-wang',
      effectiveDate: addDays(today(), 20),
      remove: ['wang'],
      add: [],
      reason: 'Wang leaves',
    };
    expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, first)).status).toBe(201);
    const second = {
      requestId: 'out-zhao',
      effectiveDate: addDays(today(), 25),
      remove: ['zhao'],
      add: [],
      reason: 'Zhao leaves',
    };
    const refused = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, second);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'NO_QUALIFIED_ENGINEER', clause: '4.2' });
    expect(refused.body.error.message).toContain('out-wang');
    const again = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, {
      ...second,
      requestId: 'out-wang-2',
      remove: ['wang'],
    });
    expect(again.body.error).toMatchObject({ code: 'ENGINEER_CHANGE_PENDING', clause: '4.2' });
    // Refused by the hospital, the first change no longer counts.
    await settle(() =>
      stack.call('hospital-approver', 'POST', `/contracts/${c.id}/staff-changes/out-wang/decision`, {
        approved: false,
        note: 'Wang stays',
      }),
    );
    const passed = await eventually(async () => {
      const r = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, second);
      return r.status === 201 ? r : undefined;
    }, 20_000);
    expect(passed.body.workflowId).toBe(`staff-change:${c.id}:out-zhao`);
    const reg = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff`);
    expect(reg.body.items.map((e: { engineerId: string }) => e.engineerId).sort()).toEqual(['li', 'wang', 'zhao']);
    expect(reg.body.changes.map((x: { requestId: string; status: string }) => [x.requestId, x.status])).toEqual([
      ['out-wang', 'refused'],
      ['out-zhao', 'pending'],
    ]);
  });

  it('when the hospital reports an unannounced change, then the register changes and CNY 1,000 per person is proposed in the ledger (6.7)', async () => {
    const c = await signedNow();
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
          engineers: [eng('wang', 3), eng('li', 1)],
        })
      ).status,
    ).toBe(201);
    const body = {
      requestId: 'un-1',
      effectiveDate: today(),
      remove: ['li'],
      add: [eng('sun', 0.5)],
      reason: 'a new engineer turned up on site',
    };
    expect(
      (await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes/unannounced`, body)).status,
    ).toBe(403);
    expect(
      (await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/staff-changes/unannounced`, body)).status,
    ).toBe(201);
    const entry = await eventually(
      async () =>
        (
          await stack.db.pool.query('SELECT clause, amount_fen, case_kind FROM ledger_entries WHERE key = $1', [
            `staff-change:${c.id}:un-1:6.7`,
          ])
        ).rows[0],
      20_000,
    );
    expect(entry).toMatchObject({ clause: '6.7', amount_fen: '100000', case_kind: 'staff' });
    const reg = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff`);
    expect(reg.body.items.map((e: { engineerId: string }) => e.engineerId).sort()).toEqual(['sun', 'wang']);
    expect(reg.body.changes).toEqual([
      expect.objectContaining({
        requestId: 'un-1',
        kind: 'unannounced',
        status: 'applied',
        remove: ['li'],
        add: ['sun'],
      }),
    ]);
    const all = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff?includeRemoved=true`);
    expect(all.body.items.find((e: { engineerId: string }) => e.engineerId === 'li')).toMatchObject({
      activeUntil: today(),
      removedByChange: `staff-change:${c.id}:un-1`,
    });
    const listed = await eventually(
      async () =>
        (await stack.call('auditor', 'GET', `/obligations?contractId=${c.id}&kind=staff&breached=true`)).body
          .items?.[0],
      20_000,
    );
    expect(listed).toMatchObject({
      workflowId: `staff-change:${c.id}:un-1`,
      kind: 'staff',
      status: 'effective-flagged',
      running: false,
    });
  });
});

describe('contract amendments and end reach the obligations (clause 3, 6.3)', () => {
  it('when an amendment adds and then moves the go-live date and the contract ends, then go-live starts, moves, and every obligation completes with the end recorded', async () => {
    const c = await signedNow();
    await settle(() => stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`));
    const first = addDays(today(), 40);
    const amend = (date: string, n: number) =>
      agreed(stack, 'hospital-approver', `/contracts/${c.id}/amendments`, {
        effectiveAt: new Date(Date.now() + n * 1000).toISOString(),
        terms: { goLive: { date } },
        reason: `go-live ${date}`,
      });
    expect((await amend(first, 1)).status).toBe(201);
    const started = await settle(() => stack.call('auditor', 'GET', `/contracts/${c.id}/go-live`));
    expect(started.body).toMatchObject({ goLiveDate: first, deadlineDate: first });
    const moved = addDays(first, 14);
    expect((await amend(moved, 2)).status).toBe(201);
    const s = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/go-live`);
      return r.body.deadlineDate === moved ? r.body : undefined;
    });
    expect(s.amendments).toEqual([expect.objectContaining({ from: first, to: moved })]);
    expect(
      (await agreed(stack, 'hospital-approver', `/contracts/${c.id}/end`, { reason: 'terminated by agreement' }))
        .status,
    ).toBe(200);
    const o = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/obligations`);
      return r.body.rectification?.contractEnded && r.body.dongle?.contractEnded && r.body.goLive?.contractEnded
        ? r.body
        : undefined;
    }, 20_000);
    expect(o.goLive.contractEnded).toMatchObject({ reason: 'terminated by agreement' });
    for (const id of [`rectification:${c.id}`, `dongle:${c.id}`, `golive:${c.id}`]) {
      await eventually(async () =>
        (await stack.client.workflow.getHandle(id).describe()).status.name === 'COMPLETED' ? true : undefined,
      );
    }
  });
});

describe("6.3 deductions reaching 20%: go-live's proposed event and the core's confirmed one", () => {
  it("when go-live's proposed deductions reach 20% and are then confirmed, then the hospital is told once of each fact under distinct keys and rights", async () => {
    const c = await signedNow();
    const acts = createActivities({ pool: stack.db.pool, log: createLogger('silent'), notifier: stack.notifier });
    const amount = BigInt(c.amountFen);
    const ids: string[] = [];
    for (let k = 1; k <= 4; k++) {
      const p = goLivePeriodPenalty(amount, k);
      ids.push(
        (
          await acts.proposePenalty({
            key: `golive:${c.id}:period:${k}`,
            contractId: c.id,
            clause: '6.3',
            termsVersion: 1,
            caseKind: 'golive',
            caseId: `golive:${c.id}`,
            fact: `period ${k} late`,
            amountFen: p.amountFen.toString(),
            basis: p.basis,
            occurredAt: new Date().toISOString(),
          })
        ).entryId,
      );
    }
    const advance = goLiveProposedBreachEvent(c.id, goLivePeriodPenalty(amount, 4).cumulativeFen, amount, 4);
    expect(await acts.raiseRightsEvent(advance)).toEqual({ created: true });
    expect(await acts.raiseRightsEvent(advance)).toEqual({ created: false }); // a retried or replayed call
    for (const id of ids)
      expect((await stack.call('hospital-approver', 'POST', `/ledger/${id}/confirm`, {})).status).toBe(200);
    const rows = await eventually(async () => {
      const { rows: r } = await stack.db.pool.query(
        `SELECT key, "right", numbers FROM rights_events WHERE contract_id = $1 AND clause = '6.3' ORDER BY id`,
        [c.id],
      );
      return r.length === 2 ? r : undefined;
    });
    expect(rows.map((r: { key: string; right: string }) => [r.key, r.right])).toEqual([
      [`${c.id}:golive:20`, 'breach-terminate-refund-pending-confirmation'],
      [`${c.id}:threshold-20`, 'breach-terminate-refund'],
    ]);
    expect(rows[0].numbers).toMatchObject({ basis: 'proposed', authoritativeEventKey: `${c.id}:threshold-20` });
    expect(rows[0].numbers.note).toMatch(/not yet confirmed/);
    const outbox = async (key: string) =>
      (await stack.db.pool.query('SELECT key, subject FROM notifications_outbox WHERE key = $1', [key])).rows;
    const advanceNotices = await outbox(`rights:${c.id}:golive:20`);
    expect(advanceNotices).toHaveLength(1);
    expect(advanceNotices[0]!.subject).toMatch(/once confirmed/);
    const confirmed = await eventually(async () => (await outbox(`rights:${c.id}:threshold-20`))[0]);
    expect(confirmed.subject).toMatch(/may exercise a right under clause 6\.3/);
  });
});
