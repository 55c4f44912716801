// The working-day calendar (clauses.md "Calendars and time"): load or correct a year with
// its source, read a year (shipped, loaded, or provisional Mon-Fri), compute a deadline.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { registry } from '../openapi';
import { instantSchema, parseBody, parseQuery } from '../validate';
import { contextChanged } from './obligations';
import { calendarYears, loadCalendarYear, workingDayCalendar } from '../../services/calendar';

// Four decimal digits only: Number() read '0x7e8' as 2024 (issue 11, finding 8).
const YearParam = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, 'must be a year of four digits, e.g. 2025')
    .transform(Number)
    .pipe(z.number().int().min(1949).max(9999)),
});
const LoadYear = z.strictObject({
  holidays: z.array(z.string()).max(366),
  workdays: z.array(z.string()).max(366),
  source: z.string().min(1, 'a source reference is required (e.g. the State Council notice number)').max(500),
});
const WorkingDaysQuery = z.strictObject({ from: instantSchema, n: z.coerce.number().int().min(0).max(366) });

registry.registerPath({
  method: 'put',
  path: '/calendar/years/{year}',
  summary: 'Load or correct a year of holidays and adjusted working weekends (admin, hospital-approver)',
  request: { params: YearParam, body: { content: { 'application/json': { schema: LoadYear } } } },
  responses: { 200: { description: 'loaded' } },
});
registry.registerPath({
  method: 'get',
  path: '/calendar/years/{year}',
  summary: 'A year: loaded, shipped, or provisional Mon-Fri',
  request: { params: YearParam },
  responses: { 200: { description: 'year' } },
});
registry.registerPath({
  method: 'get',
  path: '/calendar/working-days',
  summary: 'Deadline of n working days after from (the day of from not counted; ends 24:00 Asia/Shanghai)',
  request: { query: WorkingDaysQuery },
  responses: { 200: { description: 'deadline' } },
});

export function calendarRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();

  r.put('/calendar/years/:year', allow('admin', 'hospital-approver'), async (req, res) => {
    const { year } = parseQuery(YearParam, req.params);
    const body = parseBody(LoadYear, req.body);
    auditAs(res, 'calendar.load', String(year), {
      source: body.source,
      holidays: body.holidays.length,
      workdays: body.workdays.length,
    });
    const loaded = await loadCalendarYear(pool, { year, ...body }, actorOf(req).name);
    // Running obligations re-read it at once and record it (issue 10 item 7).
    const reached = await contextChanged(deps, null, {
      what: 'calendar',
      ref: `${year} ${loaded.version}: ${body.source}`,
      by: actorOf(req).name,
    });
    res.json({ ...loaded, provisional: false, obligationsReached: reached });
  });

  r.get('/calendar/years/:year', async (req, res) => {
    const { year } = parseQuery(YearParam, req.params);
    const [data] = await calendarYears(pool, [year]);
    if (data) {
      res.json({ ...data, provisional: false });
      return;
    }
    res.json({
      year,
      holidays: [],
      workdays: [],
      origin: 'none',
      source: null,
      version: null,
      provisional: true,
      rule: `${year} is not loaded: working days are counted Monday to Friday and every deadline in it is provisional until an operator loads the State Council notice`,
    });
  });

  r.get('/calendar/working-days', async (req, res) => {
    const { from, n } = parseQuery(WorkingDaysQuery, req.query);
    const d = (await workingDayCalendar(pool)).addWorkingDays(Date.parse(from), n);
    res.json({
      from,
      n,
      deadline: new Date(d.deadlineMs).toISOString(),
      lastDay: d.lastDay,
      provisional: d.provisional,
      provisionalYears: d.provisionalYears,
    });
  });
  return r;
}
