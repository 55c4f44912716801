// The one serializer of instants in API responses (issue 15): ISO 8601 in the contract's time
// zone, Asia/Shanghai, with its offset (+08:00; China keeps no daylight saving), milliseconds
// kept so that no instant loses precision on the way out. Inputs take any offset
// (validate.ts instantSchema); answers always carry +08:00 ("Calendars and time" of the clauses).
import { z } from 'zod';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';

extendZodWithOpenApi(z);

export const CONTRACT_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

/** An instant (epoch ms, Date or ISO string of any offset) as 2025-01-02T09:00:00.000+08:00. */
export function contractInstant(at: number | Date | string): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return new Date(ms + OFFSET_MS).toISOString().replace(/Z$/, CONTRACT_OFFSET);
}
/** contractInstant, with null and undefined kept as they are (optional facts). */
export const maybeInstant = (at: number | Date | string | null | undefined): string | null =>
  at === null || at === undefined ? null : contractInstant(at);

// Exactly what Date.prototype.toISOString writes: the form every instant of the code base had
// on its way out (pg's Date values, toISOString() in routes and stored JSON documents).
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The app's `json replacer` (app.ts): every Date, and every string in toISOString's exact UTC
 * form, leaves as a +08:00 instant. JSON.stringify calls toJSON before the replacer, so the
 * Date is read from the holder (`this[key]`).
 */
export function instantReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown> | undefined)?.[key];
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? contractInstant(raw) : null;
  if (typeof value === 'string' && value.length === 24 && UTC_ISO.test(value)) return contractInstant(value);
  return value;
}

/** JSON text of a response body as clients receive it (the response check parses this). */
export const wireJson = (body: unknown): string => JSON.stringify(body, instantReplacer);

const MS_NAMES: Record<string, string> = { startMs: 'startAt', dueMs: 'dueAt', nextDeadlineMs: 'nextDeadlineAt' };
const instantName = (key: string): string | undefined =>
  MS_NAMES[key] ?? (/AtMs$/.test(key) ? key.slice(0, -2) : undefined);
/**
 * Workflow state keeps epoch ms (`claimedAtMs`, `startMs`, `dueMs`, `warnAtMs: number[]`); an
 * answer carries instants: such a key loses its `Ms` (`claimedAt`, `startAt`, `dueAt`, `warnAt`)
 * and its value becomes +08:00. Durations (`lateByMs`) stay ms. The one mapping for every route
 * that shows workflow state.
 */
export function msToInstants(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(msToInstants);
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const name = instantName(k);
      if (name === undefined) return [k, msToInstants(x)];
      if (typeof x === 'number') return [name, contractInstant(x)];
      if (Array.isArray(x)) return [name, x.map((n) => (typeof n === 'number' ? contractInstant(n) : n))];
      return [name, x];
    }),
  );
}

const CONTRACT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
/** An instant in a response: ISO 8601 with the contract's offset (the response check asserts it everywhere). */
export const instantOut = z
  .string()
  .regex(CONTRACT_ISO, 'must be an ISO-8601 instant with the contract offset +08:00')
  .openapi({ format: 'date-time', example: '2025-01-02T09:00:00.000+08:00' });
