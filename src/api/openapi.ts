import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

// Every route module registers its request/response schemas here; GET /openapi.json serves
// the document generated from the same zod schemas the routes validate with.
export const registry = new OpenAPIRegistry();
export const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

export const ErrorBody = registry.register(
  'Error',
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      clause: z.string().optional(),
      field: z.string().optional(),
    }),
    requestId: z.string(),
  }),
);

export function openApiDocument() {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'weibao API',
      version: '0.1.0',
      description: 'Maintenance-contract enforcement (clauses cited per rule)',
    },
    security: [{ [bearer.name]: [] }],
  });
}

/**
 * Documents one route: its summary, JSON body schema if any, and the path parameters named by
 * its `{placeholders}` (OpenAPI requires them declared), with the error body for refusals.
 */
/** `ok`: the success statuses and their descriptions (default 200). */
export function documentRoute(
  path: string,
  method: 'get' | 'post' | 'put',
  summary: string,
  body?: z.ZodTypeAny,
  ok: Record<number, string> = { 200: 'ok' },
): void {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const params = names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
  const error = {
    description: 'refused: the body names the field, rule and clause',
    content: { 'application/json': { schema: ErrorBody } },
  };
  registry.registerPath({
    method,
    path,
    summary,
    request: {
      ...(params ? { params } : {}),
      ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
    },
    responses: {
      ...Object.fromEntries(Object.entries(ok).map(([status, description]) => [status, { description }])),
      400: error,
      403: error,
      404: error,
      409: error,
    },
  });
}
