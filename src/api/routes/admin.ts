import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, createApiKey, revokeApiKey, ROLES } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { registry } from '../openapi';
import { parseBody, parseQuery } from '../validate';

const CreateKey = z.strictObject({
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  contracts: z.array(z.string().min(1).max(64)).max(100).optional(),
});
const AuditQuery = z.strictObject({
  target: z.string().max(200).optional(),
  actor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.coerce.number().int().min(1).optional(),
});

registry.registerPath({ method: 'post', path: '/api-keys', summary: 'Create an API key (admin); the key is shown once',
  request: { body: { content: { 'application/json': { schema: CreateKey } } } }, responses: { 201: { description: 'created' } } });
registry.registerPath({ method: 'post', path: '/api-keys/{id}/revoke', summary: 'Revoke an API key (admin); idempotent, effective at once on this API instance',
  request: { params: z.object({ id: z.string() }) }, responses: { 200: { description: 'the key with its revocation time' } } });
registry.registerPath({ method: 'get', path: '/audit', summary: 'Read the append-only audit trail (auditor, admin)',
  request: { query: AuditQuery }, responses: { 200: { description: 'audit rows, newest first' } } });

export function adminRouter({ pool, keyCache }: ApiDeps): Router {
  const r = Router();
  r.get('/me', (req, res) => {
    const a = actorOf(req);
    res.json({ id: a.keyId, name: a.name, role: a.role, contracts: a.contracts });
  });
  r.post('/api-keys', allow('admin'), async (req, res) => {
    const input = parseBody(CreateKey, req.body);
    const created = await createApiKey(pool, { ...input, createdBy: actorOf(req).name });
    auditAs(res, 'api-key.create', created.id, { role: created.role, name: created.name });
    res.status(201).json(created);
  });
  r.post('/api-keys/:id/revoke', allow('admin'), async (req, res) => {
    const id = String(req.params.id);
    auditAs(res, 'api-key.revoke', id);
    const revoked = await revokeApiKey(pool, id);
    if (!revoked) throw notFound(`API key ${id}`);
    keyCache.clear();
    res.json(revoked);
  });
  r.get('/audit', allow('auditor', 'admin'), async (req, res) => {
    const q = parseQuery(AuditQuery, req.query);
    const { rows } = await pool.query(
      `SELECT id, at, actor, role, action, target, request_id AS "requestId", method, path, status, outcome, detail
         FROM audit_log
        WHERE ($1::text IS NULL OR target = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [q.target ?? null, q.actor ?? null, q.beforeId ?? null, q.limit]);
    res.json({ items: rows });
  });
  return r;
}
