import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, createApiKey, findApiKey, KEY_MAX_DAYS, newKeyId, revokeApiKey, ROLES } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { registry } from '../openapi';
import { parseBody } from '../validate';
import { assertKeyWithinScope, mintableContracts } from '../../security/key-scope';
import { DEFAULT_GRACE_MINUTES, rotateApiKey } from '../../security/key-life';
import { LOCALES } from '../../i18n/locale';

const CreateKey = z.strictObject({
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  contracts: z.array(z.string().min(1).max(64)).max(100).optional(),
  expiresInDays: z.number().int().min(1).max(KEY_MAX_DAYS).optional(),
  /** The holder's language (issue 15); absent: zh-CN. Accept-Language overrides it per request. */
  locale: z.enum(LOCALES).optional(),
});
const Rotate = z.strictObject({
  graceMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(DEFAULT_GRACE_MINUTES),
});
registry.registerPath({
  method: 'post',
  path: '/api-keys',
  summary: 'Create an API key (admin); the key is shown once',
  request: { body: { content: { 'application/json': { schema: CreateKey } } } },
  responses: { 201: { description: 'created' } },
});
registry.registerPath({
  method: 'post',
  path: '/api-keys/{id}/rotate',
  summary:
    'Rotate a key (the key itself, or an admin within its contracts): a new key, shown once; the old one works for graceMinutes more',
  request: { params: z.object({ id: z.string() }), body: { content: { 'application/json': { schema: Rotate } } } },
  responses: { 201: { description: 'the new key' } },
});
registry.registerPath({
  method: 'post',
  path: '/api-keys/{id}/revoke',
  summary: 'Revoke an API key (admin); idempotent, effective at once on this API instance',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: 'the key with its revocation time' } },
});

export function adminRouter({ pool, keyCache, now }: ApiDeps): Router {
  const r = Router();
  r.get('/me', (req, res) => {
    const a = actorOf(req);
    res.json({
      id: a.keyId,
      name: a.name,
      role: a.role,
      contracts: a.contracts,
      ...(a.expiresAtMs ? { expiresAt: new Date(a.expiresAtMs).toISOString() } : {}),
      // A console session: who, until when, and the CSRF token its changes send (src/security/sessions.ts).
      ...(req.session
        ? {
            via: 'session',
            displayName: req.session.displayName,
            csrfToken: req.session.csrfToken,
            sessionExpiresAt: req.session.expiresAt.toISOString(),
          }
        : { via: 'api-key' }),
    });
  });
  r.post('/api-keys', allow('admin'), async (req, res) => {
    const input = parseBody(CreateKey, req.body);
    const minter = actorOf(req);
    const id = newKeyId();
    auditAs(res, 'api-key.create', id, { role: input.role, name: input.name, contracts: input.contracts ?? ['*'] });
    const contracts = mintableContracts(minter, input.contracts);
    res.status(201); // before the effect: the audit row written with it records the status
    const created = await createApiKey(pool, {
      ...input,
      contracts,
      id,
      createdBy: minter.name,
      notAfterMs: minter.expiresAtMs,
      nowMs: now(),
    });
    res.status(201).json(created);
  });
  r.post('/api-keys/:id/rotate', async (req, res) => {
    const actor = actorOf(req);
    const id = String(req.params.id);
    auditAs(res, 'api-key.rotate', id);
    const body = parseBody(Rotate, req.body);
    const old = await findApiKey(pool, id);
    if (!old) throw notFound(`API key ${id}`);
    if (old.id !== actor.keyId) {
      if (actor.role !== 'admin') throw forbidden('a key rotates itself; only an admin rotates another key (clause 7)');
      assertKeyWithinScope(actor, old);
    }
    res.status(201);
    const rotated = await rotateApiKey(pool, old, actor, body.graceMinutes, now());
    keyCache.clear();
    res.status(201).json(rotated);
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
