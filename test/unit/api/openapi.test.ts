// Issue 15: the OpenAPI document passes an OpenAPI 3.1 validator with 0 errors, and every
// declared route documents the JSON schema of each answer.
import { validate } from '@readme/openapi-parser';
import '../../../src/api/routes';
import { openApiDocument } from '../../../src/api/openapi';
import { declaredRoutes } from '../../../src/api/route';

type Doc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

it('when the document is validated as OpenAPI 3.1, then it has 0 errors', async () => {
  const result = await validate(structuredClone(openApiDocument()) as never);
  expect(result.valid ? [] : result.errors).toEqual([]);
});

it('when a path parameter is left undeclared, then the validator refuses the document (the check can fail)', async () => {
  const doc = structuredClone(openApiDocument()) as unknown as Doc;
  const op = doc.paths['/calendar/years/{year}']!.get!;
  op.parameters = (op.parameters ?? []).filter((p) => p.in !== 'path');
  expect((await validate(doc as never)).valid).toBe(false);
});

it('when an operation has {placeholders}, then each is declared as a path parameter', () => {
  const doc = openApiDocument() as unknown as Doc;
  const missing = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).flatMap(([m, op]) =>
      [...p.matchAll(/\{(\w+)\}/g)]
        .map((x) => x[1]!)
        .filter((n) => !(op.parameters ?? []).some((q) => q.in === 'path' && q.name === n))
        .map((n) => `${m.toUpperCase()} ${p}: ${n}`),
    ),
  );
  expect(missing).toEqual([]);
});

it('when a route is declared, then every success answer names a schema or a content type', () => {
  const undocumented = declaredRoutes().flatMap((r) =>
    Object.entries(r.spec.responses)
      .filter(([status, reply]) => Number(status) < 300 && !reply.schema && !reply.contentType)
      .map(([status]) => `${r.key} ${status}`),
  );
  expect(undocumented).toEqual([]);
});
