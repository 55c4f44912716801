// Issue 15: each route declared once (src/api/route.ts declareRoute), so that its duty, request
// and answer schemas, OpenAPI operation and response check exist. This test walks every route
// the API's routers mount and fails on one that is not declared, or mounted under another
// method or path than its declaration. The routers that are not the API (GET /health, /docs,
// the console's static pages, GET /openapi.json itself, all in app.ts) are named below.
import type { Router } from 'express';
import type { ApiDeps } from '../../../src/api/deps';
import { declaredRoutes } from '../../../src/api/route';
import { protectedRouters } from '../../../src/api/routes';
import { signInRouter } from '../../../src/api/routes/session';
import { parseConfig } from '../../../src/config';
import type { AuthBrake } from '../../../src/security/auth-brake';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
/** "METHOD /express/:path" of every route a router mounts, nested routers included. */
function mounted(router: Router): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((l) =>
      l.route
        ? Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`)
        : walk(l.handle?.stack ?? []),
    );
  return walk((router as unknown as { stack: Layer[] }).stack);
}

// Building a router registers its handlers and touches none of its dependencies.
const deps = { config: parseConfig({}), now: () => 0 } as unknown as ApiDeps;
const routers = [...protectedRouters(deps), signInRouter(deps, {} as AuthBrake)];
const routes = routers.flatMap(mounted);
const declared = new Set(declaredRoutes().map((r) => `${r.spec.method.toUpperCase()} ${r.expressPath}`));

it('when the API routers are built, then they mount the routes of the whole API', () => {
  expect(routes.length).toBeGreaterThan(140);
  expect(routes).toEqual(expect.arrayContaining(['POST /session', 'GET /me', 'GET /faults/:caseId']));
});

it('when a router mounts a route, then that method and path are declared with declareRoute', () => {
  const undeclared = routes.filter((r) => !declared.has(r));
  expect(undeclared).toEqual([]);
});

it('when a route is declared, then a router mounts it (no declaration without a handler)', () => {
  const mountedSet = new Set(routes);
  expect([...declared].filter((d) => !mountedSet.has(d))).toEqual([]);
});

it('when a route is mounted twice, then the test names it (the second would never run)', () => {
  expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([]);
});
