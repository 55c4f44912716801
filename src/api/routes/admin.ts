// The admin and identity handlers (clause 7): who the caller is, and the API keys within the
// admin's own contracts, each change audited with its effect. Declarations: admin-routes.ts.
import { Router } from 'express';
import { allow, actorOf } from '../auth';
import { createApiKey, findApiKey, listApiKeys, newKeyId, revokeApiKey } from '../api-keys';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { contractInstant, maybeInstant } from '../instants';
import { mount } from '../route';
import { assertKeyWithinScope, mintableContracts, scopeOf } from '../../security/key-scope';
import { rotateApiKey } from '../../security/key-life';
import { adminRoutes as routes } from './admin-routes';

export function adminRouter({ pool, keyCache, now }: ApiDeps): Router {
  const r = Router();
  mount(r, routes.me, (req, res) => {
    const a = actorOf(req);
    routes.me.send(res, 200, {
      id: a.keyId,
      name: a.name,
      role: a.role,
      contracts: a.contracts,
      ...(a.expiresAtMs ? { expiresAt: contractInstant(a.expiresAtMs) } : {}),
      // A console session: who, until when, and the CSRF token its changes send (src/security/sessions.ts).
      ...(req.session
        ? {
            via: 'session' as const,
            displayName: req.session.displayName,
            csrfToken: req.session.csrfToken,
            sessionExpiresAt: req.session.expiresAt,
          }
        : { via: 'api-key' as const }),
    });
  });
  mount(r, routes.list, allow('admin'), async (req, res) => {
    const items = await listApiKeys(pool, scopeOf(actorOf(req)));
    routes.list.send(res, 200, {
      items: items.map((k) => ({
        ...k,
        createdAt: contractInstant(k.createdAt.getTime()),
        expiresAt: maybeInstant(k.expiresAt),
        lastUsedAt: maybeInstant(k.lastUsedAt),
        revokedAt: maybeInstant(k.revokedAt),
      })),
    });
  });
  mount(r, routes.create, allow('admin'), async (req, res) => {
    const input = routes.create.body(req);
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
    routes.create.send(res, 201, created);
  });
  mount(r, routes.rotate, async (req, res) => {
    const actor = actorOf(req);
    const { id } = routes.rotate.params(req);
    auditAs(res, 'api-key.rotate', id);
    const body = routes.rotate.body(req);
    const old = await findApiKey(pool, id);
    if (!old) throw notFound(`API key ${id}`);
    if (old.id !== actor.keyId) {
      if (actor.role !== 'admin') throw forbidden('a key rotates itself; only an admin rotates another key (clause 7)');
      assertKeyWithinScope(actor, old);
    }
    res.status(201);
    const rotated = await rotateApiKey(pool, old, actor, body.graceMinutes, now());
    keyCache.clear();
    routes.rotate.send(res, 201, rotated);
  });
  mount(r, routes.revoke, allow('admin'), async (req, res) => {
    const { id } = routes.revoke.params(req);
    auditAs(res, 'api-key.revoke', id);
    const target = await findApiKey(pool, id);
    if (!target) throw notFound(`API key ${id}`);
    assertKeyWithinScope(actorOf(req), target);
    const revoked = await revokeApiKey(pool, id);
    if (!revoked) throw notFound(`API key ${id}`);
    keyCache.clear();
    routes.revoke.send(res, 200, revoked);
  });
  return r;
}
