// The response check (issue 15, done-when): with VALIDATE_RESPONSES (set by the test stack and
// the schemathesis run), every JSON body a declared route sends is checked, as the client will
// read it (after the +08:00 serializer), against the schema declared for its status; error
// bodies against the Error schema. A mismatch is logged and answered 500
// RESPONSE_SCHEMA_MISMATCH naming the route, status and first wrong field, so a test that got
// the answer fails loudly instead of passing on an undocumented shape.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { Route } from './route';
import { ErrorBody } from './openapi';
import { wireJson } from './instants';

/** The first problem of a body against its route's declaration, or null when it conforms. */
export function responseMismatch(route: Route, status: number, body: unknown): string | null {
  const reply = route.spec.responses[status];
  let schema: z.ZodType | undefined = reply?.schema;
  if (!reply) {
    if (status < 400)
      return `status ${status} is not declared (declared: ${Object.keys(route.spec.responses).join(', ')})`;
    schema = ErrorBody;
  }
  if (!schema) return reply?.contentType ? `status ${status} is declared as ${reply.contentType}, not JSON` : null;
  const r = schema.safeParse(JSON.parse(wireJson(body) ?? 'null'));
  if (r.success) return null;
  const first = r.error.issues[0]!;
  return `${first.path.join('.') || '(body)'}: ${first.message}${r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : ''}`;
}

export function checkResponses(log: Logger): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const route = res.locals.route as Route | undefined;
      const problem = route ? responseMismatch(route, res.statusCode, body) : null;
      if (!route || !problem) return json(body);
      const message = `the answer of ${route.key} (status ${res.statusCode}) does not match its declared schema: ${problem}`;
      log.error({ route: route.key, status: res.statusCode, problem }, 'response schema mismatch');
      res.status(500);
      return json({
        error: { code: 'RESPONSE_SCHEMA_MISMATCH', message },
        requestId: String(res.locals.requestId ?? ''),
      });
    };
    next();
  };
}
