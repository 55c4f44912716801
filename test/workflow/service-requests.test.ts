import { otherCommitmentPenalty } from '../../src/domain/penalties';
import { formatFen } from '../../src/domain/money';
import { resolveTerms } from '../../src/domain/terms-schema';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../src/domain/time';
import {
  AMOUNT,
  approver,
  DAY,
  failureOf,
  HOUR,
  operator,
  sleepUntil,
  useHarness,
  until,
  vendor,
} from './obligations-harness';
import { cite, serviceKit } from './service-kit';

// Issue 18: service requests (4.4-5.4) judged on their agreed due dates; a late or refused
// delivery is "another service commitment not kept" (6.5 by the approver's rate, or 6.2.2).
const h = useHarness('service');
const { raise, proposals, notices, agreedAndAcknowledged } = serviceKit(() => h, 'svc');

describe('service requests (issue 18)', () => {
  it('when the vendor delivers before the agreed due date and the hospital accepts, then nothing is proposed', async () => {
    const r = await raise();
    expect(await failureOf(r.act('acceptDueDate', { actor: operator }))).toMatchObject({ code: 'OWN_PROPOSAL' });
    await agreedAndAcknowledged(r);
    await r.act('startWork', { actor: vendor });
    expect((await r.state()).status).toBe('in-progress');
    expect(await failureOf(r.act('deliver', { actor: vendor, evidence: [] }))).toMatchObject({
      type: 'ValidationError',
    });
    // Issue 14's one citation shape: a bare reference or a citation without its hash is refused by name.
    expect(await failureOf(r.act('deliver', { actor: vendor, evidence: ['dictionary@1'] }))).toMatchObject({
      type: 'ValidationError',
      clause: '4.7',
      message: expect.stringMatching(/^evidence\.0\.documentRef/),
    });
    const { documentRef } = cite('dictionary');
    expect(
      await failureOf(r.act('deliver', { actor: vendor, evidence: [cite('x'), { documentRef, sha256: 'abc' }] })),
    ).toMatchObject({ type: 'ValidationError', message: expect.stringMatching(/^evidence\.1\.sha256/) });
    await r.act('deliver', { actor: vendor, evidence: [cite('dictionary', 1)], note: 'v1' });
    expect((await r.state()).status).toBe('delivered');
    await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
    const s = await r.handle.result();
    expect(s).toMatchObject({ status: 'accepted', breach: null });
    expect(proposals(r.wf)).toHaveLength(0);
    expect(notices(r.wf)).toEqual(
      expect.arrayContaining([
        'service.raised',
        'service.due-date-agreed',
        'service.delivered',
        'service.delivery-reviewed',
      ]),
    );
    expect(h.f.records.get(r.wf)?.snapshot).toMatchObject({ status: 'accepted', awaiting: 'none', breached: false });
  });

  it('when the due date passes undelivered, then a breach awaits the approver, whose 6.5 rate is proposed', async () => {
    const r = await raise({ clause: '4.6', title: 'MLPS level-3 review support', origin: 'planned' }, 5);
    await agreedAndAcknowledged(r);
    const due = endOfShanghaiDay((await r.state()).due!.date);
    await sleepUntil(h.env, due + HOUR);
    const late = await until(r.state, (s) => s.breach !== null);
    expect(late.breach).toMatchObject({ clause: '4.6', pricedUnder: '6.5', priced: false });
    expect(h.f.records.get(r.wf)?.snapshot).toMatchObject({ awaiting: 'hospital', breached: true });
    expect(await failureOf(r.act('priceBreach', { actor: operator, ratePercent: '0.05' }))).toMatchObject({
      type: 'Forbidden',
    });
    expect(await failureOf(r.act('priceBreach', { actor: approver, ratePercent: '0.5' }))).toMatchObject({
      type: 'ValidationError',
      clause: '6.5',
    });
    await r.act('priceBreach', { actor: approver, ratePercent: '0.05' });
    await r.act('deliver', { actor: vendor, evidence: [cite('scan-report-2026')] });
    await r.act('reviewDelivery', { actor: approver, decision: 'accept' });
    await r.handle.result();
    const p = otherCommitmentPenalty(BigInt(AMOUNT), '0.05', '6.5');
    expect(proposals(r.wf)).toEqual([
      expect.objectContaining({ clause: '6.5', amountFen: formatFen(p.amountFen), caseKind: 'service' }),
    ]);
    expect(proposals(r.wf)[0]).toMatchObject({
      dueAt: new Date(due).toISOString(),
      fact: expect.stringMatching(/4\.6/),
    });
    expect(notices(r.wf)).toEqual(expect.arrayContaining(['service.breach']));
  });

  it('when the terms select 6.2.2, then the late request is proposed at 3% at once', async () => {
    h.f.terms = { penalties: { ...resolveTerms().penalties, otherCommitmentReading: '6.2.2' } };
    try {
      const r = await raise({ clause: '4.12', title: 'server migration' }, 3);
      await agreedAndAcknowledged(r);
      await sleepUntil(h.env, endOfShanghaiDay((await r.state()).due!.date) + HOUR);
      await until(r.state, (s) => s.breach !== null);
      await until(
        async () => proposals(r.wf),
        (p) => p.length === 1,
      );
      const p = otherCommitmentPenalty(BigInt(AMOUNT), undefined, '6.2.2');
      expect(proposals(r.wf)[0]).toMatchObject({ clause: '6.2.2', amountFen: formatFen(p.amountFen) });
      await r.act('deliver', { actor: vendor, evidence: [cite('migration-record')] });
      await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
      await r.handle.result();
    } finally {
      h.f.terms = {};
    }
  });

  it('when a delivery is sent back and delivered again before the due date, then it is accepted on time', async () => {
    const r = await raise({ clause: '5.1', title: 'HR interface documentation' });
    await agreedAndAcknowledged(r);
    await r.act('deliver', { actor: vendor, evidence: [cite('hr-if', 1)] });
    expect(await failureOf(r.act('reviewDelivery', { actor: operator, decision: 'send-back' }))).toMatchObject({
      code: 'REASON_REQUIRED',
      clause: '5.1',
    });
    expect(await failureOf(r.act('deliver', { actor: vendor, evidence: [cite('hr-if', 2)] }))).toMatchObject({
      code: 'DELIVERY_PENDING',
    });
    await r.act('reviewDelivery', { actor: operator, decision: 'send-back', reason: 'org sync fields missing' });
    expect((await r.state()).status).toBe('acknowledged');
    await h.env.sleep(2 * DAY);
    await r.act('deliver', { actor: vendor, evidence: [cite('hr-if', 2)] });
    await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
    const s = await r.handle.result();
    expect(s.deliveries.map((d) => d.review?.decision)).toEqual(['sent-back', 'accepted']);
    expect(s.breach).toBeNull();
    expect(proposals(r.wf)).toHaveLength(0);
  });

  it('when a delivery made before the due date is sent back after it, then the request is late', async () => {
    const r = await raise({ clause: '5.2', title: 'materials interface maintenance' }, 2);
    await agreedAndAcknowledged(r);
    await r.act('deliver', { actor: vendor, evidence: [cite('mm-if', 1)] });
    const due = endOfShanghaiDay((await r.state()).due!.date);
    await sleepUntil(h.env, due + HOUR);
    expect((await r.state()).breach).toBeNull(); // a delivery made in time awaits its review
    await r.act('reviewDelivery', { actor: operator, decision: 'send-back', reason: 'stock sync fails' });
    const s = await until(r.state, (x) => x.breach !== null);
    expect(s.breach).toMatchObject({ clause: '5.2', priced: false });
    await r.act('priceBreach', { actor: approver, ratePercent: '0.01' });
    await r.act('deliver', { actor: vendor, evidence: [cite('mm-if', 2)] });
    await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
    await r.handle.result();
    expect(proposals(r.wf)).toEqual([expect.objectContaining({ clause: '6.5' })]);
  });

  it('when a delivery is stated for an instant before the due date after the breach was recorded, then the breach is superseded', async () => {
    h.f.terms = { penalties: { ...resolveTerms().penalties, otherCommitmentReading: '6.2.2' } };
    try {
      const r = await raise({ clause: '4.7', title: 'manuals' }, 2);
      await agreedAndAcknowledged(r);
      const due = endOfShanghaiDay((await r.state()).due!.date);
      await sleepUntil(h.env, due + 2 * HOUR);
      await until(r.state, (s) => s.breach !== null);
      await until(
        async () => proposals(r.wf),
        (p) => p.length === 1,
      );
      // The vendor says it delivered an hour before the due end (its claim, within the 24 h window).
      await r.act('deliver', { actor: vendor, evidence: [cite('manuals', 1)], occurredAtMs: due - HOUR });
      await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
      const s = await until(r.state, (x) => x.breach?.superseded !== undefined);
      expect(s.deliveries[0]).toMatchObject({ at: new Date(due - HOUR).toISOString() });
      expect(s.stated).toEqual([expect.objectContaining({ statedBy: 'vendor' })]);
      expect(h.f.records.get(r.wf)?.withdrawn).toEqual([proposals(r.wf)[0]!.key]);
      await h.env.client.workflow.getHandle(r.wf).terminate('test done');
    } finally {
      h.f.terms = {};
    }
  });

  it('when the parties agree a new due date before the first passes, then only the new one is judged', async () => {
    const r = await raise({ clause: '5.3', title: 'EMR level 6 review support' }, 4);
    await agreedAndAcknowledged(r);
    const first = (await r.state()).due!.date;
    await r.act('proposeDueDate', { actor: vendor, dueDate: addDays(first, 10), reason: 'review moved by the board' });
    expect((await r.state()).due!.date).toBe(first); // proposed, not agreed
    await r.act('acceptDueDate', { actor: approver });
    expect((await r.state()).due).toMatchObject({ date: addDays(first, 10), proposedBy: 'vendor' });
    await sleepUntil(h.env, endOfShanghaiDay(first) + DAY);
    expect((await r.state()).breach).toBeNull();
    await r.act('deliver', { actor: vendor, evidence: [cite('review-pack')] });
    await r.act('reviewDelivery', { actor: operator, decision: 'accept' });
    expect((await r.handle.result()).breach).toBeNull();
    expect(proposals(r.wf)).toHaveLength(0);
  });

  it('when the agreed due date has passed, then a new one is refused naming the clause', async () => {
    const r = await raise({ clause: '4.5', title: 'DBA guidance' }, 1);
    await agreedAndAcknowledged(r);
    await sleepUntil(h.env, endOfShanghaiDay((await r.state()).due!.date) + HOUR);
    await until(r.state, (s) => s.breach !== null);
    const now = await h.env.currentTimeMs();
    expect(
      await failureOf(r.act('proposeDueDate', { actor: vendor, dueDate: addDays(shanghaiDate(now), 5) })),
    ).toMatchObject({ code: 'DUE_PASSED', clause: '4.5' });
    await h.env.client.workflow.getHandle(r.wf).terminate('test done');
  });

  it('when the hospital agrees a personalisation is a large change, then it leaves the free scope and is never late', async () => {
    const r = await raise({ clause: '5.4', title: 'new ward dashboard' }, 3);
    await agreedAndAcknowledged(r);
    await r.act('claimLargeChange', { actor: vendor, reason: 'three new modules, 40 person-days' });
    expect((await r.state()).largeChange).toMatchObject({ claimedBy: vendor.name });
    expect(
      await failureOf(r.act('decideLargeChange', { actor: operator, decision: 'agree', reason: 'ok' })),
    ).toMatchObject({ type: 'Forbidden' });
    expect(
      await failureOf(r.act('decideLargeChange', { actor: approver, decision: 'agree', reason: 'agreed' })),
    ).toMatchObject({ type: 'ValidationError' });
    await r.act('decideLargeChange', {
      actor: approver,
      decision: 'agree',
      reason: 'beyond the free scope',
      separateTerms: 'quoted separately: CNY 120,000, delivery in Q3',
    });
    const s = await r.handle.result();
    expect(s).toMatchObject({ status: 'out-of-free-scope', breach: null });
    expect(s.largeChange?.decision).toMatchObject({ outcome: 'agreed', separateTerms: expect.stringMatching(/CNY/) });
    expect(proposals(r.wf)).toHaveLength(0);
  });

  it('when the hospital contests a large-change claim, then the change stays free and its due date is judged', async () => {
    const r = await raise({ clause: '5.4', title: 'report layout' }, 2);
    await agreedAndAcknowledged(r);
    expect(await failureOf(r.act('claimLargeChange', { actor: vendor, reason: ' ' }))).toMatchObject({
      type: 'ValidationError',
    });
    await r.act('claimLargeChange', { actor: vendor, reason: 'a new report engine' });
    await r.act('decideLargeChange', { actor: approver, decision: 'contest', reason: 'a layout change is small' });
    expect(await failureOf(r.act('claimLargeChange', { actor: vendor, reason: 'again' }))).toMatchObject({
      code: 'LARGE_CHANGE_CLAIMED',
      clause: '5.4',
    });
    await sleepUntil(h.env, endOfShanghaiDay((await r.state()).due!.date) + HOUR);
    expect((await until(r.state, (s) => s.breach !== null)).breach).toMatchObject({ clause: '5.4' });
    await h.env.client.workflow.getHandle(r.wf).terminate('test done');
  });
});
