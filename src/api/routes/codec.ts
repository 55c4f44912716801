// The codec endpoint the Temporal Web UI decodes payloads through (issue 12, finding 1):
// Temporal's remote-codec protocol, POST /codec/decode with {payloads: [{metadata, data}]}
// (base64), answered in the same shape. Only an authenticated person with an all-contracts
// auditor or admin key (the duty matrix: "decodePayloads") reads the clear text; the UI calls it
// from the browser, so the UI's origin (TEMPORAL_UI_URL) may send the Authorization header.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import type { ApiDeps } from '../deps';
import { conflict } from '../errors';
import { declareRoute, mount } from '../route';
import { refusal } from './refusals';

const WirePayload = z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() });
const Body = z.object({ payloads: z.array(WirePayload).max(1000) });

const route = declareRoute({
  method: 'post',
  path: '/codec/decode',
  duty: 'decodePayloads',
  refusals: { 409: refusal(['NO_PAYLOAD_ENCRYPTION'], 'payload encryption is not configured (TEMPORAL_PAYLOAD_KEYS)') },
  summary: 'Temporal remote codec: decrypt payloads for the Web UI (all-contracts auditor or admin)',
  body: Body,
  responses: {
    200: {
      description: 'the payloads decoded, in the order given',
      schema: z.object({ payloads: z.array(WirePayload) }),
    },
  },
});

const fromWire = (p: z.infer<typeof WirePayload>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** Before authentication: the browser's preflight carries no key. Only the UI's origin is answered. */
export function codecCors(uiOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/codec/') || !uiOrigin || req.headers.origin !== uiOrigin) return next();
    res.setHeader('access-control-allow-origin', uiOrigin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, x-namespace');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    res.setHeader('vary', 'origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

export function codecRouter({ payloadCodec }: ApiDeps): Router {
  const r = Router();
  mount(r, route, async (req, res) => {
    const { payloads } = route.body(req);
    if (!payloadCodec)
      throw conflict('NO_PAYLOAD_ENCRYPTION', 'payload encryption is not configured (TEMPORAL_PAYLOAD_KEYS)');
    route.send(res, 200, { payloads: (await payloadCodec.decode(payloads.map(fromWire))).map(toWire) });
  });
  return r;
}
