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

type Ops = Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
let generated: { paths: Ops } | undefined;
const answersOf = (path: string, method: string) =>
  (generated ??= openApiDocument() as unknown as { paths: Ops }).paths[path]![method]!.responses;

it('when a route names its refusals, then its operation lists those and the ones every route can answer, not the rest', () => {
  const list = answersOf('/contracts/{id}/staff-changes', 'get');
  expect(Object.keys(list).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
  const decision = answersOf('/contracts/{id}/staff-changes/{requestId}/decision', 'post');
  expect(Object.keys(decision).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '503']);
  expect(decision['409']!.description).toContain('4.2');
  expect(decision['409']!.description).toContain('Idempotency-Key');
  const raise = answersOf('/contracts/{id}/service-requests', 'post');
  expect(Object.keys(raise).sort()).toEqual([
    '200',
    '201',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '415',
    '429',
    '503',
  ]);
  expect(raise['409']!.description).not.toContain('contract rule');
  // A report is read-only: 404 for an unknown contract, 406 for a format it cannot write, no 409 (issue 15 item 4).
  for (const name of ['sla', 'penalty-statement', 'om-record', 'acceptance-form'])
    expect(Object.keys(answersOf(`/contracts/{id}/reports/${name}`, 'get')).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '406',
      '429',
      '503',
    ]);
});

it('when each family is read, then its operations list exactly the statuses they can give (issue 15 item 1)', () => {
  const statuses = (path: string, method: string) => Object.keys(answersOf(path, method)).sort();
  const READ = ['200', '400', '401', '403', '429', '503'];
  const ACT = ['200', '400', '401', '403', '404', '409', '413', '415', '429', '503'];
  const table: [string, string, string[]][] = [
    ['get', '/faults', READ],
    ['get', '/faults/{caseId}', [...READ, '404'].sort()],
    ['post', '/faults/{caseId}/respond', ACT],
    ['get', '/ledger/{id}', [...READ, '404'].sort()],
    // ?contractId= of no contract is a 404 (found by schemathesis: an undeclared 404 was a 500 with VALIDATE_RESPONSES)
    ['get', '/ledger/totals', [...READ, '404'].sort()],
    ['post', '/ledger/{id}/confirm', ACT],
    ['post', '/contracts/{id}/inspections/{period}/report', ACT],
    ['post', '/contracts/{id}/care-logs', ['201', '200', ...ACT.slice(1)].sort()],
    ['post', '/contracts/{id}/acceptances/{year}/decision', ACT],
    ['get', '/contracts/{id}', [...READ, '404'].sort()],
    ['get', '/contracts/{id}/overview', [...READ, '404'].sort()],
    ['get', '/contracts', READ],
    ['get', '/documents/{documentId}', [...READ, '404'].sort()],
    ['post', '/session', ['201', '400', '401', '403', '413', '415', '429', '503']],
    ['post', '/api-keys/{id}/rotate', ['201', ...ACT.slice(1)]],
    ['get', '/audit', READ],
  ];
  expect(table.map(([m, p]) => [m, p, statuses(p, m)])).toEqual(table.map(([m, p, s]) => [m, p, s]));
});

it("when a route's 404 or 409 is documented, then its schema names the codes it declares, and the Idempotency-Key's on a change", () => {
  const codesOf = (path: string, method: string, status: string) =>
    (answersOf(path, method)[status] as any).content['application/json'].schema.properties.error.properties.code.enum;
  expect(codesOf('/ledger/{id}/confirm', 'post', '409')).toEqual(
    expect.arrayContaining(['ENTRY_CONFIRMED', 'DISPUTE_OPEN', 'IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS']),
  );
  expect(codesOf('/faults/{caseId}', 'get', '404')).toEqual(['NOT_FOUND']);
  expect(codesOf('/contracts/{id}', 'get', '404')).toEqual(['CONTRACT_NOT_FOUND', 'NOT_FOUND']);
  expect(answersOf('/faults/{caseId}/respond', 'post')['409']!.description).toContain('4.9');
});

it('when an answer carries text in the reader language, then its operation declares Content-Language: every refusal, and the answers of localized routes only (issue 15)', () => {
  type Op = { responses: Record<string, { headers?: Record<string, { schema: { enum: string[] } }> }> };
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> };
  const language = (path: string, method: string, status: string) =>
    doc.paths[path]![method]!.responses[status]!.headers?.['Content-Language']?.schema.enum;
  const refusalsWithout = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).flatMap(([m, op]) =>
      Object.entries(op.responses)
        .filter(([s, r]) => Number(s) >= 400 && !r.headers?.['Content-Language'])
        .filter(([s]) => !(p === '/audit/verify' && s === '409')) // a broken chain's report, not an error body
        .map(([s]) => `${m.toUpperCase()} ${p} ${s}`),
    ),
  );
  expect(refusalsWithout).toEqual([]);
  for (const [path, method, status] of [
    ['/contracts/{id}', 'get', '200'],
    ['/contracts/{id}/overview', 'get', '200'],
    ['/ledger', 'get', '200'],
    ['/faults/{caseId}', 'get', '200'],
    ['/contracts/{id}/reports/penalty-statement', 'get', '200'],
    ['/contract/clauses', 'get', '200'],
  ])
    expect([path, language(path, method, status)]).toEqual([path, ['zh-CN', 'en']]);
  expect(language('/contracts/{id}/schedules', 'get', '200')).toBeUndefined();
  const localized = declaredRoutes().filter((r) => r.spec.localized).length;
  expect(localized).toBeGreaterThan(20);
});
