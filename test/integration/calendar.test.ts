import { startStack, type Stack } from '../helpers/stack';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack.stop();
});

const y2027 = {
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08'],
  workdays: ['2027-02-06'],
  source: 'State Council notice 国办发明电〔2026〕X号 (test)',
};

describe('calendar years', () => {
  it('when a year is shipped, then it is read with its source and not provisional', async () => {
    const res = await stack.call('vendor-engineer', 'GET', '/calendar/years/2026');
    expect(res.body).toMatchObject({ year: 2026, origin: 'shipped', provisional: false, source: expect.any(String) });
    expect(res.body.holidays).toContain('2026-10-01');
  });

  it('when a year is neither shipped nor loaded, then it reads as provisional Mon-Fri and deadlines in it are provisional until loaded', async () => {
    const before = await stack.call('auditor', 'GET', '/calendar/years/2027');
    expect(before.body).toMatchObject({ year: 2027, origin: 'none', provisional: true });
    const from = encodeURIComponent('2027-02-03T10:00:00+08:00'); // Wednesday
    const provisional = await stack.call('auditor', 'GET', `/calendar/working-days?from=${from}&n=3`);
    expect(provisional.body).toMatchObject({ lastDay: '2027-02-08', provisional: true, provisionalYears: [2027] });
    const loaded = await stack.call('admin', 'PUT', '/calendar/years/2027', y2027);
    expect(loaded.status).toBe(200);
    const after = await stack.call('auditor', 'GET', `/calendar/working-days?from=${from}&n=3`);
    // 02-04 Thu, (02-05 holiday), 02-06 Sat worked, (02-07 Sun), (02-08 holiday), 02-09 Tue
    expect(after.body).toMatchObject({
      lastDay: '2027-02-09',
      provisional: false,
      deadline: '2027-02-10T00:00:00.000+08:00', // 24:00 of 02-09, Asia/Shanghai
    });
    const acts = createActivities({ pool: stack.db.pool, log: createLogger('silent'), notifier: stack.notifier });
    const years = await acts.calendarYears({ years: [2026, 2027, 2028] });
    expect(years.map((y) => [y.year, y.origin])).toEqual([
      [2026, 'shipped'],
      [2027, 'loaded'],
    ]);
  });

  it('when a year is corrected, then the latest load wins and the earlier row is kept', async () => {
    await stack.call('hospital-approver', 'PUT', '/calendar/years/2028', {
      holidays: ['2028-01-03'],
      workdays: [],
      source: 'first',
    });
    await stack.call('hospital-approver', 'PUT', '/calendar/years/2028', {
      holidays: ['2028-01-04'],
      workdays: [],
      source: 'corrected',
    });
    const res = await stack.call('auditor', 'GET', '/calendar/years/2028');
    expect(res.body).toMatchObject({
      origin: 'loaded',
      source: 'corrected',
      holidays: ['2028-01-04'],
      loadedBy: 'test-hospital-approver',
    });
    expect((await stack.db.pool.query('SELECT count(*) FROM calendar_years WHERE year = 2028')).rows[0].count).toBe(
      '2',
    );
  });

  it.each([
    ['a date from another year', { ...y2027, holidays: ['2026-12-31'] }, 'holidays.0'],
    ['a malformed date', { ...y2027, workdays: ['2027-02-30'] }, 'workdays.0'],
    ['a date both holiday and workday', { ...y2027, workdays: ['2027-01-01'] }, 'workdays'],
    ['no source', { holidays: [], workdays: [] }, 'source'],
    ['an unknown field', { ...y2027, note: 'x' }, 'note'],
  ])('when a load has %s, then it is 400 naming the field and nothing is written', async (_what, body, field) => {
    const res = await stack.call('admin', 'PUT', '/calendar/years/2027', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect((await stack.db.pool.query('SELECT count(*) FROM calendar_years WHERE year = 2027')).rows[0].count).toBe(
      '1',
    );
  });

  it('when a vendor or an operator loads a year, then it is 403', async () => {
    expect(
      (await stack.call('vendor-engineer', 'PUT', '/calendar/years/2030', { holidays: [], workdays: [], source: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (
        await stack.call('hospital-operator', 'PUT', '/calendar/years/2030', {
          holidays: [],
          workdays: [],
          source: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('when the working-days query is malformed, then it is 400 naming the field', async () => {
    const res = await stack.call('auditor', 'GET', '/calendar/working-days?from=yesterday&n=7');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('from');
  });
});
