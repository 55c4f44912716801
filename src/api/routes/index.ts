import type { Router } from 'express';
import type { ApiDeps } from '../deps';
import { adminRouter } from './admin';

// Every authenticated router of the API, in mounting order. Each capability adds one line.
export function protectedRouters(deps: ApiDeps): Router[] {
  return [
    adminRouter(deps),
  ];
}
