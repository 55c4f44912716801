// Issue 15 item 1: every answer is declared field by field. This walks each operation's success
// schemas in the OpenAPI document and lists the places a client is told nothing: an untyped
// value (z.unknown()/z.any(): `{}`) or an object open to undeclared keys (.passthrough(), a
// record of unknowns: `additionalProperties: {}`). What stays is listed below with its reason;
// anything new there fails this test.
import '../../../src/api/routes';
import { openApiDocument } from '../../../src/api/openapi';

type Schema = Record<string, unknown>;
type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

const opaque = (s: unknown): boolean =>
  s === true || (typeof s === 'object' && s !== null && Object.keys(s).filter((k) => k !== 'description').length === 0);

/** JSON pointers (under the operation's answer) of the untyped places of a schema. */
function untyped(doc: Doc, s: Schema | undefined, at: string, seen: Set<string>): string[] {
  if (!s || typeof s !== 'object') return [];
  if (opaque(s)) return [at];
  const ref = s.$ref as string | undefined;
  if (ref) {
    const name = ref.split('/').at(-1)!;
    if (seen.has(name)) return [];
    return untyped(doc, doc.components.schemas[name], at, new Set([...seen, name]));
  }
  const found: string[] = [];
  if ('additionalProperties' in s && opaque(s.additionalProperties)) found.push(`${at}{*}`);
  else if (typeof s.additionalProperties === 'object')
    found.push(...untyped(doc, s.additionalProperties as Schema, `${at}{*}`, seen));
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
    found.push(...untyped(doc, v, `${at}.${k}`, seen));
  if (s.items) found.push(...untyped(doc, s.items as Schema, `${at}[]`, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const x of (s[key] ?? []) as Schema[]) found.push(...untyped(doc, x, at, seen));
  return found;
}

function untypedAnswers(): string[] {
  const doc = openApiDocument() as unknown as Doc;
  const out = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      for (const [status, reply] of Object.entries(op.responses ?? {}))
        if (Number(status) < 300)
          for (const p of untyped(doc, reply.content?.['application/json']?.schema, '', new Set()))
            out.add(`${method.toUpperCase()} ${path} ${status} ${p || '(body)'}`);
  return [...out].sort();
}

// What stays untyped, and why: each is a document whose shape is another module's, one per kind.
const STAYS: [RegExp, string][] = [
  [
    / \.(contract\.)?(versions\[\]\.|items\[\]\.(versions\[\]\.)?)?terms\{\*\}$/,
    'contract terms: the schema of src/domain/terms.ts, versioned with the contract (5.1)',
  ],
  [/\.detail(\{\*\})?$/, "a fact's detail: one shape per fact type (the case families' facts, the audit's actions)"],
  [
    /^GET \/cases\/\{caseId\} 200 \.state\{\*\}$/,
    "a case's recorded state: one shape per family, served by the family's own route too",
  ],
  [
    / \.(items\[\]\.|proposal\.)?body\{\*\}$/,
    "a change proposal's body (one per kind of change) or a notification's facts (one per topic)",
  ],
  [/ \.(items|rightsEvents)\[\]\.numbers\{\*\}$/, 'the figures of a rights event: one set per right (6.3-6.5)'],
  [
    /^GET \/contracts\/\{id\}\/schedules 200 \.items\[\]\.spec\{\*\}$/,
    "Temporal's schedule spec, as the Temporal client returns it",
  ],
  [
    /^POST \/contracts 200 \.conclusions$/,
    'the dry run of a registration: what registering would conclude (src/api/onboarding.ts)',
  ],
];

it('when every answer is walked, then nothing is untyped beyond the places listed with their reasons', () => {
  const left = untypedAnswers().filter((p) => !STAYS.some(([re]) => re.test(p)));
  expect(left).toEqual([]);
});

it('when the reports are walked, then every field of their bodies is declared (issue 15 item 1)', () => {
  expect(untypedAnswers().filter((p) => p.includes('/reports/') && !/numbers\{\*\}$/.test(p))).toEqual([]);
});

/** JSON pointers of the objects of a schema that take undeclared keys (not additionalProperties: false). */
function openObjects(doc: Doc, s: Schema | undefined, at: string, seen: Set<string>): string[] {
  if (!s || typeof s !== 'object') return [];
  const ref = s.$ref as string | undefined;
  if (ref) {
    const name = ref.split('/').at(-1)!;
    return seen.has(name) ? [] : openObjects(doc, doc.components.schemas[name], at, new Set([...seen, name]));
  }
  const found: string[] =
    s.type === 'object' && s.properties && s.additionalProperties !== false ? [at || '(body)'] : [];
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
    found.push(...openObjects(doc, v, `${at}.${k}`, seen));
  if (s.items) found.push(...openObjects(doc, s.items as Schema, `${at}[]`, seen));
  if (typeof s.additionalProperties === 'object')
    found.push(...openObjects(doc, s.additionalProperties as Schema, `${at}{*}`, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const x of (s[key] ?? []) as Schema[]) found.push(...openObjects(doc, x, at, seen));
  return found;
}

it('when the reports are walked, then every object of their bodies is strict, nested ones too (issue 15 item 2)', () => {
  // A nested object that strips unknown keys would let a column a query adds reach clients
  // undeclared (the response check refuses extra keys only where the schema is strict).
  const doc = openApiDocument() as unknown as Doc;
  const open = Object.entries(doc.paths)
    .filter(([path]) => path.includes('/reports/'))
    .flatMap(([path, ops]) =>
      openObjects(doc, ops.get!.responses['200']!.content?.['application/json']?.schema, '', new Set()).map(
        (p) => `${path} ${p}`,
      ),
    );
  expect(open).toEqual([]);
});

it('when a report nests an object that strips unknown keys, then the walk finds it (the check can fail)', () => {
  const doc = structuredClone(openApiDocument()) as unknown as Doc;
  const schema = doc.paths['/contracts/{id}/reports/om-record']!.get!.responses['200']!.content!['application/json']!
    .schema as Schema;
  const careLog = ((schema.properties as Record<string, Schema>).careLogs!.items ?? {}) as Schema;
  delete careLog.additionalProperties;
  expect(openObjects(doc, schema, '', new Set())).toEqual(['.careLogs[]']);
});
