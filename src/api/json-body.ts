// The one JSON body parser of the API (replaces express.json, which accepted what it should
// not; issue 11, finding 8): a body must be UTF-8 without a byte-order mark, an object or an
// array, nested at most MAX_DEPTH deep (terms nested 100,000 deep overflowed the stack: 500),
// with no key twice in one object ({"level":3,"level":1} silently made a level-1 case). Every
// string in it then passes the text check (text.ts). Each refusal is a 400 naming the rule.
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors';
import { assertCleanText } from './text';

export const MAX_DEPTH = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const malformed = (code: string, message: string, field = '(body)') => new HttpError(400, code, message, { field });

/**
 * One pass over the text, without recursion: refuses nesting deeper than maxDepth and a key
 * repeated within one object. Syntax is left to JSON.parse, which runs after this pass.
 */
export function checkJsonShape(text: string, maxDepth = MAX_DEPTH): void {
  // One frame per open container: for objects the keys seen so far and whether the current
  // key is on `path`; arrays have no keys.
  const frames: { keys: Set<string> | null; keyed: boolean }[] = [];
  const path: string[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = frames[frames.length - 1];
    if (ch === '{' || ch === '[') {
      frames.push({ keys: ch === '{' ? new Set() : null, keyed: false });
      if (frames.length > maxDepth)
        throw malformed('TOO_DEEP', `request body is nested more than ${maxDepth} levels deep`);
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']' || ch === ',') {
      if (top?.keyed) {
        path.pop();
        top.keyed = false;
      }
      if (ch === ',') expectKey = top?.keys != null;
      else {
        frames.pop();
        expectKey = false;
      }
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.keys && expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          throw malformed('MALFORMED_JSON', 'request body is not valid JSON');
        }
        const field = [...path, key].join('.');
        if (top.keys.has(key))
          throw malformed('DUPLICATE_KEY', `${field}: appears twice in one object; send each field once`, field);
        top.keys.add(key);
        path.push(key);
        top.keyed = true;
        expectKey = false;
      }
      i = j;
    }
  }
}

/** Decodes and parses a JSON body; exported for unit tests of the rules without HTTP. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf)
    throw malformed('BOM_NOT_ALLOWED', 'request body starts with a byte-order mark; send UTF-8 without a BOM');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw malformed('INVALID_UTF8', 'request body is not valid UTF-8');
  }
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw malformed('MALFORMED_JSON', 'request body must be a JSON object or array');
  checkJsonShape(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed('MALFORMED_JSON', 'request body is not valid JSON');
  }
  assertCleanText(value, '');
  return value;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

export function jsonBody(limit = '1mb'): RequestHandler[] {
  return [
    express.raw({ type: JSON_TYPES, limit }),
    (req, _res, next) => {
      if (!Buffer.isBuffer(req.body)) {
        req.body = undefined;
        next();
        return;
      }
      const charset = /;\s*charset="?([^";]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8')
        throw new HttpError(415, 'UNSUPPORTED_CHARSET', `charset ${charset} is not supported; send UTF-8`, {
          field: 'Content-Type',
        });
      req.body = parseJsonBody(req.body);
      next();
    },
  ];
}
