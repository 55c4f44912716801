// Text checks at the edge, applied once to every request (app.ts), never per route.
// A NUL byte cannot be stored in a PostgreSQL text column and a lone UTF-16 surrogate cannot
// be encoded as UTF-8: either one, once inside a workflow, made every later activity fail and
// froze the case, so its breach was never recorded (issue 11, finding 1). They are refused
// here with a 400 naming the field, before any route, workflow or database sees them.
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted, or undefined when it is fine. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain a lone UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

const refuse = (field: string, problem: string) =>
  new HttpError(400, 'INVALID_TEXT', `${field}: ${problem}`, { field });

/**
 * Walks a parsed JSON value without recursion (its depth is already bounded by the body
 * parser) and throws a 400 naming the first bad string, key or value, as a dotted path.
 */
export function assertCleanText(value: unknown, root: string): void {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) throw refuse(path || '(body)', p);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const keyPath = path ? `${path}.${k}` : k;
        const p = textProblem(k);
        if (p) throw refuse(keyPath, `field name ${p}`);
        stack.push([item, keyPath]);
      }
    }
  }
}

/** decodeURIComponent that answers 400 (naming the field) for malformed escapes or invalid UTF-8. */
function decodeComponent(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw refuse(field, 'is not valid percent-encoded UTF-8');
  }
}

/**
 * Checks the raw path segments and query parameters of every request. Route parameters are
 * path segments, so checking the segments covers every parameter of every route; a segment is
 * named by its position (the route that would name it has not been matched yet).
 */
export function cleanUrl(): RequestHandler {
  return (req, _res, next) => {
    const [rawPath = '', rawQuery = ''] = req.originalUrl.split(/\?(.*)/s, 2);
    rawPath.split('/').forEach((seg, i) => {
      if (!seg) return;
      const field = `path segment ${i} (${seg.slice(0, 40)})`;
      const p = textProblem(decodeComponent(seg, field));
      if (p) throw refuse(field, p);
    });
    for (const pair of rawQuery.split('&')) {
      if (!pair) continue;
      const [rawName = '', rawValue = ''] = pair.split(/=(.*)/s, 2);
      const name = decodeComponent(rawName.replace(/\+/g, ' '), 'query parameter name');
      const nameProblem = textProblem(name);
      if (nameProblem) throw refuse('query parameter name', nameProblem);
      const p = textProblem(decodeComponent(rawValue.replace(/\+/g, ' '), name));
      if (p) throw refuse(name, p);
    }
    next();
  };
}
