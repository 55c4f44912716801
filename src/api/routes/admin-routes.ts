// The admin and identity routes, declared once (route.ts): who the caller is, and the API keys
// (list, create, rotate, revoke; clause 7: every key within its minter's contracts, a secret
// shown once). Handlers: admin.ts.
import { z } from 'zod';
import { ROLES } from '../auth';
import { KEY_MAX_DAYS } from '../api-keys';
import { instantOut } from '../instants';
import { declareRoute } from '../route';
import { DEFAULT_GRACE_MINUTES } from '../../security/key-life';
import { LOCALES } from '../../i18n/locale';
import { NONE, notFoundOf, refusal, with409 } from './refusals';

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
// Answers (issue 15): a key is shown once, in the answer that mints it; instants +08:00.
const role = z.enum(ROLES);
const KeyOut = z.object({
  id: z.string(),
  key: z.string().describe('the secret, shown this once: only its hash is kept'),
  name: z.string(),
  role,
  contracts: z.array(z.string()).describe('contract ids, or ["*"] for all'),
  expiresAt: instantOut,
  locale: z.enum(LOCALES).nullable(),
});
const KeyParams = z.object({ id: z.string().describe('API key id') });
const KeyListed = z.object({
  id: z.string(),
  name: z.string(),
  role,
  contracts: z.array(z.string()).describe('contract ids, or ["*"] for all'),
  createdBy: z.string().nullable(),
  createdAt: instantOut,
  expiresAt: instantOut.nullable(),
  lastUsedAt: instantOut.nullable().describe('to about a minute (written at most once a minute per key)'),
  revokedAt: instantOut.nullable(),
  replacedBy: z.string().nullable().describe('the key that replaced it by rotation'),
  locale: z.enum(LOCALES).nullable(),
});
export const adminRoutes = {
  me: declareRoute({
    method: 'get',
    path: '/me',
    duty: 'self',
    refusals: NONE,
    summary: 'Who the caller is: the key or console session, its role, contracts and expiry',
    responses: {
      200: {
        description: 'the caller',
        schema: z.object({
          id: z.string(),
          name: z.string(),
          role,
          contracts: z.array(z.string()),
          expiresAt: instantOut.optional(),
          via: z.enum(['session', 'api-key']),
          displayName: z.string().optional(),
          csrfToken: z.string().optional().describe('a console session: every change sends it as X-CSRF-Token'),
          sessionExpiresAt: instantOut.optional(),
        }),
      },
    },
  }),
  list: declareRoute({
    method: 'get',
    path: '/api-keys',
    duty: 'administer',
    refusals: NONE,
    summary:
      "The API keys (admin) lying wholly within the admin's own contracts, newest first: role, contracts, created, last used, revoked; never a secret",
    responses: { 200: { description: 'the keys', schema: z.object({ items: z.array(KeyListed) }) } },
  }),
  create: declareRoute({
    method: 'post',
    path: '/api-keys',
    duty: 'administer',
    refusals: NONE,
    summary: "Create an API key (admin), within the admin's own contracts; the key is shown once",
    body: CreateKey,
    responses: { 201: { description: 'created', schema: KeyOut } },
  }),
  rotate: declareRoute({
    method: 'post',
    path: '/api-keys/{id}/rotate',
    duty: 'ownKey',
    refusals: with409(
      notFoundOf('API key'),
      refusal(['KEY_ALREADY_ROTATED', 'KEY_REVOKED'], 'a revoked key is not rotated, nor a key twice (clause 7)'),
    ),
    summary:
      'Rotate a key (the key itself, or an admin within its contracts): a new key, shown once; the old one works for graceMinutes more',
    params: KeyParams,
    body: Rotate,
    responses: {
      201: {
        description: 'the new key',
        schema: KeyOut.extend({ replaces: z.string(), oldKeyExpiresAt: instantOut }),
      },
    },
  }),
  revoke: declareRoute({
    method: 'post',
    path: '/api-keys/{id}/revoke',
    duty: 'administer',
    refusals: notFoundOf('API key'),
    summary: 'Revoke an API key (admin); idempotent, effective at once on this API instance',
    params: KeyParams,
    responses: {
      200: {
        description: 'the key with its (first) revocation time',
        schema: z.object({ id: z.string(), name: z.string(), role, revokedAt: instantOut }),
      },
    },
  }),
};
