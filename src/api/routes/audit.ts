// The audit trail (clause 7; MLPS level 3 of 4.6): read by auditors (clauses.md "Parties and
// roles": read-only access to everything, including the audit trail), within the key's
// contracts; its hash chains verified; the record's head hash for statements and reports.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { registry } from '../openapi';
import { parseQuery } from '../validate';
import { recordHead, verifyRecord } from '../../security/record-chain';

const AuditQuery = z.strictObject({
  target: z.string().max(200).optional(),
  actor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.coerce.number().int().min(1).optional(),
});

registry.registerPath({
  method: 'get',
  path: '/audit',
  summary: 'Read the append-only audit trail (auditor); a key limited to contracts reads only their rows',
  request: { query: AuditQuery },
  responses: { 200: { description: 'audit rows, newest first' } },
});
registry.registerPath({
  method: 'get',
  path: '/audit/verify',
  summary:
    'Recompute the hash chains of the audit trail and the ledger status events; names the first broken row (auditor)',
  responses: {
    200: { description: 'every chain intact' },
    409: { description: 'a chain is broken: the first broken row is named' },
  },
});
registry.registerPath({
  method: 'get',
  path: '/audit/head',
  summary: 'The head hash of each chain: a statement that prints it commits to the record up to it',
  responses: { 200: { description: 'chain heads' } },
});

export function auditRouter({ pool }: ApiDeps): Router {
  const r = Router();
  r.get('/audit', allow('auditor'), async (req, res) => {
    const q = parseQuery(AuditQuery, req.query);
    const a = actorOf(req);
    const scope = a.contracts.includes('*') ? null : a.contracts;
    const { rows } = await pool.query(
      `SELECT id, at, actor, role, action, target, request_id AS "requestId", client_request_id AS "clientRequestId",
              method, path, status, outcome, detail, contracts, chain_seq AS "chainSeq", encode(row_hash, 'hex') AS "rowHash"
         FROM audit_log
        WHERE ($1::text IS NULL OR target = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::bigint IS NULL OR id < $3)
          AND ($5::text[] IS NULL OR contracts && $5)
        ORDER BY id DESC LIMIT $4`,
      [q.target ?? null, q.actor ?? null, q.beforeId ?? null, q.limit, scope],
    );
    res.json({ items: rows });
  });
  r.get('/audit/verify', allow('auditor'), async (_req, res) => {
    const report = await verifyRecord(pool);
    res.status(report.ok ? 200 : 409).json(report);
  });
  r.get('/audit/head', async (_req, res) => {
    res.json(await recordHead(pool));
  });
  return r;
}
