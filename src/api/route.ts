// Each route declared once (issue 15; house style 9, as practica's fastify routes): method,
// path, duty, request schemas and the response schema of every status it answers with. From
// the declaration come the OpenAPI document (openapi.ts), the endpoints of the duty matrix
// (security/duties.ts, hence the README's role table), the request parsers the handler calls,
// its typed reply, and, with VALIDATE_RESPONSES, the check of every body it sends
// (response-check.ts).
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { DutyName } from '../security/duties';
import { documentOperation } from './openapi';
import type { Refusals } from './refusal';
export { CONTRACT_404, refusal, type Refusal, type Refusals } from './refusal';

export type Method = 'get' | 'post' | 'put' | 'delete';
/** One answer of a route: a JSON body schema, or another content type (a PDF, a file). */
export interface Reply {
  description: string;
  schema?: z.ZodType;
  /** Default application/json; anything else is described, not checked. */
  contentType?: string;
}
export interface RouteSpec {
  method: Method;
  /** OpenAPI form: /contracts/{id}/faults. */
  path: string;
  summary: string;
  description?: string;
  /** The duty of the matrix (src/security/duties.ts) whose roles may call it. */
  duty: DutyName;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyContentType?: string;
  responses: Record<number, Reply>;
  /**
   * Its answers carry text the platform wrote in the reader's language (a basis, a reading, a
   * report), named by Content-Language (language.ts answerLocale; issue 15): OpenAPI declares the
   * header on its answers, and with VALIDATE_RESPONSES an answer that names a language on a
   * route that does not say so is a mismatch (response-check.ts). Error bodies always carry it.
   */
  localized?: true;
  /**
   * The refusals it really answers beyond 400, 401, 403, 429 and 503 (which any route can), each
   * with the codes of its body and its rule and clause: 404 where it names a case or contract
   * that may not exist, 409 where a rule or a finished case refuses it; `{}` when it has none.
   * OpenAPI lists exactly these (openapi.ts); with VALIDATE_RESPONSES a 404 or 409 the route
   * answers with a code it does not declare is a mismatch (response-check.ts).
   */
  refusals: Refusals;
  /**
   * The route's own statement claims the Idempotency-Key (a unique key in its transaction) and
   * answers a retry itself: the generic layer (idempotency.ts) neither claims nor keeps its answer,
   * two write transactions less per keyed request (the fault report, the bench's intake).
   */
  keyedByRoute?: true;
}

/** What a handler may pass for a declared body: instants as Date or string (instants.ts serializes them). */
export type Sendable<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly Sendable<U>[]
    : T extends object
      ? { [K in keyof T]: Sendable<T[K]> }
      : T;
type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type BodyOf<R> = R extends { schema: z.ZodType } ? Sendable<z.input<R['schema']>> : never;

export interface Route<S extends RouteSpec = RouteSpec> {
  spec: S;
  /** 'POST /ledger/{id}/confirm', the duty matrix's key. */
  key: string;
  expressPath: string;
  params(req: Request): Out<S['params']>;
  query(req: Request): Out<S['query']>;
  body(req: Request): Out<S['body']>;
  /** Answers with a declared status and a body of its declared shape. */
  send<St extends keyof S['responses'] & number>(res: Response, status: St, body: BodyOf<S['responses'][St]>): void;
}

const declared = new Map<string, Route>();
/** Every declared route (the route modules declare theirs when imported). */
export const declaredRoutes = (): Route[] => [...declared.values()];
export const declaredCount = (): number => declared.size;
/** The declared route of a duty-matrix key ('POST /contracts/{contractId}/faults'). */
export const declaredRoute = (key: string): Route | undefined => declared.get(key);

export function declareRoute<const S extends RouteSpec>(spec: S): Route<S> {
  const key = `${spec.method.toUpperCase()} ${spec.path}`;
  if (declared.has(key)) throw new Error(`route ${key} is declared twice`);
  const names = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const missing = names.filter((n) => spec.params && !(n in spec.params.shape));
  if (missing.length) throw new Error(`route ${key}: params do not declare ${missing.join(', ')}`);
  const parse = (schema: z.ZodType | undefined, value: unknown) => (schema ? schema.parse(value ?? {}) : {});
  const route: Route<S> = {
    spec,
    key,
    expressPath: spec.path.replace(/\{(\w+)\}/g, ':$1'),
    params: (req) => parse(spec.params, req.params) as Out<S['params']>,
    query: (req) => parse(spec.query, req.query) as Out<S['query']>,
    body: (req) => parse(spec.body, req.body) as Out<S['body']>,
    send: (res, status, body) => {
      res.status(status).json(body);
    },
  };
  declared.set(key, route as unknown as Route);
  documentOperation(spec, names);
  return route;
}

/** Mounts a declared route on a router: the handlers run as express's would, with the route known to the response check. */
export function mount(router: Router, route: Route, ...handlers: RequestHandler[]): void {
  const tag: RequestHandler = (_req, res, next) => {
    res.locals.route = route;
    next();
  };
  router[route.spec.method](route.expressPath, tag, ...handlers);
}
