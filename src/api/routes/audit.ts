// The audit trail (clause 7; MLPS level 3 of 4.6): read by auditors (clauses.md "Parties and
// roles": read-only access to everything, including the audit trail), within the key's
// contracts; its hash chains verified; the record's head hash for statements and reports.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { instantOut } from '../instants';
import { declareRoute, mount } from '../route';
import { CHAINS, recordHead, verifyRecord } from '../../security/record-chain';
import { NONE } from './refusals';

const AuditQuery = z.strictObject({
  target: z.string().max(200).optional(),
  actor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.coerce.number().int().min(1).optional(),
});
const AuditRow = z.object({
  id: z.string().describe('int8 as a string; page with beforeId'),
  at: instantOut,
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  requestId: z.string(),
  clientRequestId: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  outcome: z.enum(['ok', 'refused', 'error']),
  detail: z.record(z.string(), z.unknown()).nullable(),
  contracts: z.array(z.string()).nullable(),
  chainSeq: z.string().nullable(),
  rowHash: z.string().nullable().describe('hex SHA-256 of the row in its chain'),
});
const ChainHead = z.object({ chain: z.enum(CHAINS), seq: z.number().int(), hash: z.string() });
const Heads = z.object({ audit_log: ChainHead, ledger_status_events: ChainHead });
const Verified = z.object({
  ok: z.boolean(),
  chains: z.array(
    z.object({
      chain: z.enum(CHAINS),
      ok: z.boolean(),
      rows: z.number().int(),
      head: ChainHead,
      firstBroken: z.object({ id: z.string(), chainSeq: z.number().int().nullable(), reason: z.string() }).optional(),
    }),
  ),
});

const readAudit = declareRoute({
  method: 'get',
  path: '/audit',
  duty: 'audit',
  refusals: NONE,
  summary: 'Read the append-only audit trail (auditor); a key limited to contracts reads only their rows',
  query: AuditQuery,
  responses: { 200: { description: 'audit rows, newest first', schema: z.object({ items: z.array(AuditRow) }) } },
});
const verifyAudit = declareRoute({
  method: 'get',
  path: '/audit/verify',
  duty: 'audit',
  refusals: NONE,
  summary:
    'Recompute the hash chains of the audit trail and the ledger status events; names the first broken row (auditor)',
  responses: {
    200: { description: 'every chain intact', schema: Verified },
    409: { description: 'a chain is broken: the first broken row is named', schema: Verified },
  },
});
const auditHead = declareRoute({
  method: 'get',
  path: '/audit/head',
  duty: 'read',
  refusals: NONE,
  summary: 'The head hash of each chain: a statement that prints it commits to the record up to it',
  responses: { 200: { description: 'chain heads', schema: Heads } },
});

export function auditRouter({ pool }: ApiDeps): Router {
  const r = Router();
  mount(r, readAudit, allow('auditor'), async (req, res) => {
    const q = readAudit.query(req);
    const a = actorOf(req);
    const scope = a.contracts.includes('*') ? null : a.contracts;
    const { rows } = await pool.query<z.input<typeof AuditRow> & { at: Date }>(
      `SELECT id, at, actor, role, action, target, request_id AS "requestId", client_request_id AS "clientRequestId",
              method, path, status, outcome, detail, contracts, chain_seq AS "chainSeq", encode(row_hash, 'hex') AS "rowHash"
         FROM audit_log
        WHERE ($1::text IS NULL OR target = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::bigint IS NULL OR id < $3)
          AND ($5::text[] IS NULL OR contracts && $5)
        ORDER BY id DESC LIMIT $4`,
      [q.target ?? null, q.actor ?? null, q.beforeId ?? null, q.limit, scope],
    );
    readAudit.send(res, 200, { items: rows });
  });
  mount(r, verifyAudit, allow('auditor'), async (_req, res) => {
    const report = await verifyRecord(pool);
    verifyAudit.send(res, report.ok ? 200 : 409, report);
  });
  mount(r, auditHead, async (_req, res) => {
    auditHead.send(res, 200, await recordHead(pool));
  });
  return r;
}
