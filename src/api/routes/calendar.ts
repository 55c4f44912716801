// The working-day calendar (clauses.md "Calendars and time"): load or correct a year with
// its source, read a year (shipped, loaded, or provisional Mon-Fri), compute a deadline.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { contractInstant, instantOut } from '../instants';
import { declareRoute, mount } from '../route';
import { dateSchema, instantSchema } from '../validate';
import { contextChanged } from './obligation-hooks';
import { calendarYears, loadCalendarYear, workingDayCalendar } from '../../services/calendar';
import { NONE } from './refusals';

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

const CalendarDate = dateSchema; // the one date schema (a date that does not exist, or year 5703, is a 400 naming the field)
const Year = z.object({
  year: z.number().int(),
  holidays: z.array(CalendarDate).describe('dates off, weekdays turned holidays included'),
  workdays: z.array(CalendarDate).describe('weekends that are working days (调休上班)'),
  source: z.string().nullable(),
  version: z.string().nullable(),
  origin: z.enum(['loaded', 'shipped', 'none']),
  loadedBy: z.string().optional(),
  loadedAt: instantOut.optional(),
  provisional: z.boolean().describe('not loaded: counted Monday to Friday, every deadline in it provisional'),
  rule: z.string().optional(),
});

const loadYear = declareRoute({
  method: 'put',
  path: '/calendar/years/{year}',
  duty: 'calendar',
  refusals: NONE,
  summary: 'Load or correct a year of holidays and adjusted working weekends (admin, hospital-approver)',
  params: YearParam,
  body: LoadYear,
  responses: {
    200: {
      description: 'loaded; the running obligations it reached re-read it',
      schema: Year.extend({ obligationsReached: z.number().int() }),
    },
  },
});
const readYear = declareRoute({
  method: 'get',
  path: '/calendar/years/{year}',
  duty: 'read',
  refusals: NONE,
  summary: 'A year: loaded, shipped, or provisional Mon-Fri',
  params: YearParam,
  responses: { 200: { description: 'year', schema: Year } },
});
const workingDays = declareRoute({
  method: 'get',
  path: '/calendar/working-days',
  duty: 'read',
  refusals: NONE,
  summary: 'Deadline of n working days after from (the day of from not counted; ends 24:00 Asia/Shanghai)',
  query: WorkingDaysQuery,
  responses: {
    200: {
      description: 'deadline',
      schema: z.object({
        from: instantOut,
        n: z.number().int(),
        deadline: instantOut.describe('24:00 Asia/Shanghai of lastDay: due means strictly before it'),
        lastDay: CalendarDate,
        provisional: z.boolean(),
        provisionalYears: z.array(z.number().int()),
      }),
    },
  },
});

export function calendarRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();

  mount(r, loadYear, allow('admin', 'hospital-approver'), async (req, res) => {
    const { year } = loadYear.params(req);
    const body = loadYear.body(req);
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
    loadYear.send(res, 200, { ...loaded, provisional: false, obligationsReached: reached });
  });

  mount(r, readYear, async (req, res) => {
    const { year } = readYear.params(req);
    const [data] = await calendarYears(pool, [year]);
    if (data) {
      readYear.send(res, 200, { ...data, provisional: false });
      return;
    }
    readYear.send(res, 200, {
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

  mount(r, workingDays, async (req, res) => {
    const { from, n } = workingDays.query(req);
    const d = (await workingDayCalendar(pool)).addWorkingDays(Date.parse(from), n);
    workingDays.send(res, 200, {
      from: contractInstant(from),
      n,
      deadline: contractInstant(d.deadlineMs),
      lastDay: d.lastDay,
      provisional: d.provisional,
      provisionalYears: d.provisionalYears,
    });
  });
  return r;
}
