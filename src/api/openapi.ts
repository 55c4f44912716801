import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

// Every route module registers its request/response schemas here; GET /openapi.json serves
// the document generated from the same zod schemas the routes validate with.
export const registry = new OpenAPIRegistry();
export const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

export const ErrorBody = registry.register('Error', z.object({
  error: z.object({ code: z.string(), message: z.string(), clause: z.string().optional(), field: z.string().optional() }),
  requestId: z.string(),
}));

export function openApiDocument() {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'weibao API', version: '0.1.0', description: 'Maintenance-contract enforcement (clauses cited per rule)' },
    security: [{ [bearer.name]: [] }],
  });
}
