import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, createApiKey, findApiKey, newKeyId, revokeApiKey, ROLES } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { registry } from '../openapi';
import { parseBody } from '../validate';
import { assertKeyWithinScope, mintableContracts } from '../../security/key-scope';

const CreateKey = z.strictObject({
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  contracts: z.array(z.string().min(1).max(64)).max(100).optional(),
});
registry.registerPath({ method: 'post', path: '/api-keys', summary: 'Create an API key (admin); the key is shown once',
  request: { body: { content: { 'application/json': { schema: CreateKey } } } }, responses: { 201: { description: 'created' } } });
registry.registerPath({ method: 'post', path: '/api-keys/{id}/revoke', summary: 'Revoke an API key (admin); idempotent, effective at once on this API instance',
  request: { params: z.object({ id: z.string() }) }, responses: { 200: { description: 'the key with its revocation time' } } });

export function adminRouter({ pool, keyCache }: ApiDeps): Router {
  const r = Router();
  r.get('/me', (req, res) => {
    const a = actorOf(req);
    res.json({ id: a.keyId, name: a.name, role: a.role, contracts: a.contracts });
  });
  r.post('/api-keys', allow('admin'), async (req, res) => {
    const input = parseBody(CreateKey, req.body);
    const minter = actorOf(req);
    const id = newKeyId();
    auditAs(res, 'api-key.create', id, { role: input.role, name: input.name, contracts: input.contracts ?? ['*'] });
    const contracts = mintableContracts(minter, input.contracts);
    res.status(201); // before the effect: the audit row written with it records the status
    const created = await createApiKey(pool, { ...input, contracts, id, createdBy: minter.name });
    res.status(201).json(created);
  });
  r.post('/api-keys/:id/revoke', allow('admin'), async (req, res) => {
    const id = String(req.params.id);
    auditAs(res, 'api-key.revoke', id);
    const target = await findApiKey(pool, id);
    if (!target) throw notFound(`API key ${id}`);
    assertKeyWithinScope(actorOf(req), target);
    const revoked = await revokeApiKey(pool, id);
    if (!revoked) throw notFound(`API key ${id}`);
    keyCache.clear();
    res.json(revoked);
  });
  return r;
}
