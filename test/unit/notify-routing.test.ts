import { DEFAULT_ESCALATION, type OutboxMessage, type Person, type Subscriptions } from '../../src/notify/model';
import { audiencesOf, onDuty, planDeliveries, quietUntil, recipients } from '../../src/notify/routing';
import { backoffMs } from '../../src/notify/dispatcher';

const T0 = Date.parse('2026-12-01T03:00:00Z'); // 11:00 Shanghai
const person = (
  personId: string,
  party: Person['party'],
  role: Person['role'],
  extra: Partial<Person> = {},
): Person => ({
  personId,
  name: personId,
  party,
  role,
  language: 'zh-CN',
  channels: [{ type: 'webhook', url: `http://r/${personId}`, secret: 's'.repeat(16) }],
  topics: [],
  active: true,
  ...extra,
});
const subs: Subscriptions = {
  people: [
    person('eng-a', 'vendor', 'engineer'),
    person('eng-b', 'vendor', 'engineer'),
    person('lead', 'vendor', 'lead'),
    person('mgr', 'vendor', 'manager'),
    person('op', 'hospital', 'operator'),
    person('appr', 'hospital', 'approver'),
    person('fin', 'hospital', 'finance'),
    person('gone', 'vendor', 'engineer', { active: false }),
    person('audit', 'hospital', 'finance', { topics: ['fault.*'] }),
  ],
  shifts: [
    { personId: 'eng-a', startsAtMs: T0 - 3600_000, endsAtMs: T0 + 3600_000 },
    { personId: 'eng-b', startsAtMs: T0 + 3600_000, endsAtMs: T0 + 7200_000 },
  ],
  escalation: DEFAULT_ESCALATION,
  routes: {},
};
const msg = (topic: string, body: Record<string, unknown> = {}): OutboxMessage => ({
  key: `k:${topic}`,
  topic,
  contractId: 'C-1',
  subject: 's',
  body,
  createdAtMs: T0,
});
const who = (m: OutboxMessage, at = T0) =>
  recipients(m, subs, at)
    .map((p) => p.personId)
    .sort();

describe('who is told what', () => {
  it.each([
    ['fault.reported', {}, ['audit', 'eng-a']],
    ['fault.warning', { fraction: 0.5 }, ['audit', 'eng-a']],
    ['fault.warning', { fraction: 0.8 }, ['audit', 'eng-a', 'lead', 'op']],
    ['fault.breach', {}, ['appr', 'audit', 'eng-a', 'lead', 'mgr', 'op']],
    ['rights-event', {}, ['appr', 'audit', 'fin']],
    ['acceptance.passed', {}, ['appr', 'audit', 'fin', 'lead', 'mgr']],
    ['penalty.proposed', {}, ['appr']],
    ['some.new-topic', {}, ['lead', 'op']],
    ['fault.stated-time', { statedBy: 'vendor' }, ['audit', 'op']],
    ['fault.stated-time', { statedBy: 'hospital' }, ['audit', 'lead']],
  ])('when %s %j is sent, then exactly %j are told', (topic, body, expected) => {
    expect(who(msg(topic, body))).toEqual(expected);
  });

  it('when no shift covers the instant, then every active vendor engineer is on duty (nobody is left unpaged)', () => {
    expect(onDuty(subs, T0 + 1800_000).map((p) => p.personId)).toEqual(['eng-a']);
    expect(onDuty(subs, T0 + 5400_000).map((p) => p.personId)).toEqual(['eng-b']);
    expect(onDuty(subs, T0 + 9 * 3600_000).map((p) => p.personId)).toEqual(['eng-a', 'eng-b']);
  });

  it('when a contract sets its own chain and topic routes, then they replace the defaults', () => {
    const own = {
      escalation: [{ atPercent: 30, audience: ['vendor.manager' as const] }],
      routes: { 'rights-event': ['hospital.operator' as const] },
    };
    expect(audiencesOf(msg('fault.warning', { fraction: 0.5 }), own)).toEqual(['vendor.manager']);
    expect(audiencesOf(msg('fault.warning', { fraction: 0.2 }), own)).toEqual([]);
    expect(audiencesOf(msg('rights-event'), own)).toEqual(['hospital.operator']);
  });
});

describe('quiet hours and deliveries', () => {
  const night = Date.parse('2026-12-01T15:30:00Z'); // 23:30 Shanghai
  const sleepy = person('lead', 'vendor', 'lead', { quietHours: { from: '22:00', to: '07:30' } });
  it('when a message falls in quiet hours, then it waits for their end (07:30 Shanghai); outside it goes at once', () => {
    expect(new Date(quietUntil(sleepy, night)).toISOString()).toBe('2026-12-01T23:30:00.000Z');
    expect(new Date(quietUntil(sleepy, Date.parse('2026-12-01T22:00:00Z'))).toISOString()).toBe(
      '2026-12-01T23:30:00.000Z',
    ); // 06:00
    expect(quietUntil(sleepy, T0)).toBe(T0);
  });
  it('when a level-1 or 2 fault escalates at night, then quiet hours never hold it; a level-3 fault waits', () => {
    const s = { ...subs, people: [sleepy], shifts: [] };
    expect(planDeliveries(msg('fault.breach'), s, { nowMs: night, level: 2 })[0]!.notBeforeMs).toBe(night);
    expect(planDeliveries(msg('fault.breach'), s, { nowMs: night, level: 3 })[0]!.notBeforeMs).toBe(
      Date.parse('2026-12-01T23:30:00Z'),
    );
  });
  it('when two people share one group robot, then the message is posted once naming both', () => {
    const wecom = { type: 'wecom' as const, url: 'http://r/group' };
    const s = {
      ...subs,
      people: [
        person('x', 'vendor', 'lead', { channels: [wecom] }),
        person('y', 'hospital', 'operator', { channels: [wecom] }),
      ],
    };
    const plans = planDeliveries(msg('inspection.remediation-overdue'), s, { nowMs: T0 });
    expect(plans).toHaveLength(1);
    expect(plans[0]!.recipients.map((r) => r.personId)).toEqual(['x', 'y']);
  });
  it('when attempts fail, then the backoff doubles up to its cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 1000, 5000, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
