// Enforces the duty matrix (src/security/duties.ts) in one place, before any route runs: the
// endpoint's duty names the roles that carry it; a role outside it is refused with the duty
// and its clause. Routes keep their own role checks (defence in depth); this one is the rule.
import type { RequestHandler } from 'express';
import { HttpError } from '../api/errors';
import { DUTIES, type Duty, type DutyName } from './duties';
import { endpointDuties } from './endpoint-duties';
import { declaredCount } from '../api/route';

interface Compiled {
  method: string;
  pattern: RegExp;
  params: number;
  name: DutyName;
  duty: Duty;
  route: string;
  endpoint: string;
}

// OpenAPI paths ({param}) as anchored patterns; literal segments win over parameters
// (GET /ledger/totals before GET /ledger/{id}). Compiled on first use: the route modules
// declare their routes (and duties) when imported.
const compile = (): Compiled[] =>
  Object.entries(endpointDuties())
    .map(([key, name]) => {
      const [method, path] = key.split(' ') as [string, string];
      const params = (path.match(/\{\w+\}/g) ?? []).length;
      const source = path
        .split('/')
        .map((seg) => (/^\{\w+\}$/.test(seg) ? '([^/]+)' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      return {
        method,
        pattern: new RegExp(`^${source}/?$`),
        params,
        name,
        duty: DUTIES[name] as Duty,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        endpoint: key,
      };
    })
    .sort((a, b) => a.params - b.params);
let compiled: Compiled[] | undefined;
let compiledFor = -1;

/** The endpoint's duty, and its route in express form (for audit rows of requests refused before routing). */
export function dutyOf(
  method: string,
  path: string,
): { name: DutyName; duty: Duty; route: string; endpoint: string; firstParam?: string } | undefined {
  if (!compiled || compiledFor !== declaredCount()) [compiled, compiledFor] = [compile(), declaredCount()];
  for (const c of compiled) {
    const m = c.method === method ? c.pattern.exec(path) : null;
    if (m) return { name: c.name, duty: c.duty, route: c.route, endpoint: c.endpoint, firstParam: m[1] };
  }
  return undefined;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function enforceDuties(): RequestHandler {
  return (req, res, next) => {
    const found = dutyOf(req.method === 'HEAD' ? 'GET' : req.method, req.path);
    // An endpoint missing from the matrix is left to its route (the duty-matrix test fails for it).
    if (!found || !req.actor) return next();
    const { name, duty } = found;
    res.locals.endpoint = found.endpoint; // 'POST /contracts/{contractId}/faults': its declaration (idempotency.ts)
    const role = req.actor.role;
    // Refused before its route could name it: the audit row names the route and its first id.
    const target = found.firstParam === undefined ? undefined : safeDecode(found.firstParam);
    res.locals.audit = { action: `${req.method} ${found.route}`, ...(target ? { target } : {}) };
    if (!(duty.roles as readonly string[]).includes(role)) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `role ${role} may not do this: duty "${name}" (${duty.what}, clause ${duty.clause}); allowed: ${duty.roles.join(', ')}`,
        { clause: duty.clause },
      );
    }
    if (duty.allContracts && !req.actor.contracts.includes('*')) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `only a key for all contracts may do this: duty "${name}" (${duty.what}, clause ${duty.clause}); this key is limited to ${req.actor.contracts.join(', ')}`,
        { clause: duty.clause },
      );
    }
    next();
  };
}
