// Security headers on every response (issue 12, finding 5), by helmet: HSTS (the API is served
// over TLS in production, compose's reverse proxy), nosniff, no framing, a CSP that allows
// nothing (the API serves JSON, never pages), no referrer; and no caching, because answers
// carry confidential contract data (clause 7).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
    (_req, res, next) => {
      res.setHeader('cache-control', 'no-store');
      next();
    },
  ];
}
