import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Reply, RouteSpec } from './route';
import { refusalsOf } from './openapi-refusals';
import { DUTIES } from '../security/duties';
import { ERROR_CODES, ERROR_CODE_TABLE } from './error-codes';

extendZodWithOpenApi(z);

// Every route declares itself (route.ts declareRoute); GET /openapi.json serves the document
// generated from the same zod schemas the routes validate with. /docs renders it (docs.ts); the
// refusals each route documents: openapi-refusals.ts.
export const registry = new OpenAPIRegistry();
export const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

/** Every code an error body can carry, with its statuses, clauses and sentences (error-codes.ts). */
export const ErrorCode = registry.register(
  'ErrorCode',
  z.enum(ERROR_CODES).openapi({
    description:
      'The stable code clients key on. `x-error-codes` gives, per code, the HTTP statuses it is answered with, the contract clauses its refusals cite (none: a transport rule) and its first sentence in Chinese and English (README: Error codes).',
    'x-error-codes': Object.fromEntries(
      ERROR_CODE_TABLE.map((r) => [
        r.code,
        { status: r.statuses, clauses: r.clauses, ...(r.casesClause ? { casesClause: true } : {}), zh: r.zh, en: r.en },
      ]),
    ),
  }),
);

export const ErrorBody = registry.register(
  'Error',
  z.object({
    error: z
      .object({
        code: ErrorCode,
        message: z.string(),
        clause: z.string().optional().describe('the contract clause of the rule that refused the request'),
        field: z.string().optional().describe('the input field at fault'),
      })
      .passthrough(),
    requestId: z.string(),
  }),
);

/** Content-Language (issue 15): every error body and every answer of a `localized` route is in the reader's language. */
const CONTENT_LANGUAGE = {
  'Content-Language': {
    description:
      "the language of the texts the platform wrote in this answer: Accept-Language, else the key's preference, else zh-CN",
    schema: { type: 'string' as const, enum: ['zh-CN', 'en'] },
  },
};

/** Every status the operation of a route documents: its refusals, its body's, and its answers. */
export function documentedStatuses(spec: RouteSpec): number[] {
  return [
    ...Object.keys(refusalsOf(spec)),
    ...(spec.body && !spec.bodyContentType ? Object.keys(BODY_REFUSALS) : []),
    ...Object.keys(spec.responses),
  ].map(Number);
}
/** The error body of a 404 or 409, its code one of those the route declares. */
const errorBodyOf = (codes: readonly string[]) =>
  z.object({
    error: z
      .object({
        code: z.enum(codes as [string, ...string[]]),
        message: z.string(),
        clause: z.string().optional(),
        field: z.string().optional(),
      })
      .passthrough(),
    requestId: z.string(),
  });

/** What the one JSON body parser (json-body.ts) refuses before the route runs. */
const BODY_REFUSALS = {
  413: {
    description: 'the body is larger than 1 MB',
    headers: CONTENT_LANGUAGE,
    content: { 'application/json': { schema: ErrorBody } },
  },
  415: {
    description: 'the body is not UTF-8 JSON (charset or content encoding)',
    headers: CONTENT_LANGUAGE,
    content: { 'application/json': { schema: ErrorBody } },
  },
};

/** The OpenAPI operation of a declared route (route.ts): its parameters, body, answers and duty. */
export function documentOperation(spec: RouteSpec, pathParams: string[]): void {
  const params =
    spec.params ??
    (pathParams.length ? z.object(Object.fromEntries(pathParams.map((n) => [n, z.string()]))) : undefined);
  const duty = DUTIES[spec.duty];
  const who = `Duty \`${spec.duty}\` (clause ${duty.clause}): ${duty.roles.join(', ')}${'allContracts' in duty && duty.allContracts ? ', keys for all contracts only' : ''}.`;
  const error = (description: string) => ({
    description,
    headers: CONTENT_LANGUAGE,
    content: { 'application/json': { schema: ErrorBody } },
  });
  // a declared answer in the Error shape (a 413 of an upload, a 429 of a sign-in) is a refusal like the others
  const languageOf = (r: Reply) => (spec.localized || r.schema === ErrorBody ? { headers: CONTENT_LANGUAGE } : {});
  const answers = Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => [
      status,
      r.schema
        ? {
            description: r.description,
            ...languageOf(r),
            content: { [r.contentType ?? 'application/json']: { schema: r.schema } },
          }
        : r.contentType
          ? {
              description: r.description,
              ...languageOf(r),
              content: { [r.contentType]: { schema: z.string().openapi({ format: 'binary' }) } },
            }
          : { description: r.description, ...languageOf(r) },
    ]),
  );
  registry.registerPath({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: [spec.description, who].filter(Boolean).join('\n\n'),
    tags: [spec.path.split('/')[1] ?? 'api'],
    request: {
      ...(params ? { params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body
        ? { body: { required: true, content: { [spec.bodyContentType ?? 'application/json']: { schema: spec.body } } } }
        : {}),
    },
    responses: {
      ...Object.fromEntries(
        Object.entries(refusalsOf(spec)).map(([s, r]) => [
          s,
          r.codes
            ? {
                description: r.description,
                headers: CONTENT_LANGUAGE,
                content: { 'application/json': { schema: errorBodyOf(r.codes) } },
              }
            : error(r.description),
        ]),
      ),
      ...(spec.body && !spec.bodyContentType ? BODY_REFUSALS : {}),
      ...answers,
    },
  });
}

export function openApiDocument() {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'weibao API',
      version: '0.1.0',
      description:
        'Maintenance-contract enforcement (clauses cited per rule). Every instant in an answer is ISO 8601 in the contract time zone, +08:00; inputs take any offset.',
    },
    security: [{ [bearer.name]: [] }],
  });
}
