// The console's only way to the server: the JSON API, with the session cookie and, on every
// change, the session's CSRF token (src/security/sessions.ts). An error answer is thrown as
// ApiError with the API's code, message and clause, so pages show the rule that refused.
let csrfToken;
export const setCsrf = (token) => (csrfToken = token);

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.clause = body?.error?.clause;
    this.field = body?.error?.field;
  }
}

// GETs started before the bundle ran (boot.js, the page's inline head script: /me and the data of
// the page in the address), each taken once by the first api() GET of that path and language.
const early = new Map(Object.entries(window.weibaoEarly ?? {}));
const earlyKey = (method, path, headers) => {
  const names = Object.keys(headers);
  if (method !== 'GET' || names.some((n) => n !== 'accept-language')) return undefined;
  return `${path}|${headers['accept-language'] ?? ''}`;
};
// Reads several parts of one page share (the contract's stored documents of a kind, one list for
// every remediation item's form: issue 16), asked for once per page. Forgotten at every change
// sent (what it changed may be in the list) and when the page or the session changes.
const shared = new Map();
/** A GET asked for once while the page shows: the parts that name the same path share its answer. */
export function sharedRead(path) {
  if (!shared.has(path))
    shared.set(
      path,
      api('GET', path).catch((e) => (shared.delete(path), Promise.reject(e))),
    );
  return shared.get(path);
}

/** Signed out or in, or another page: what was fetched before belongs to the previous one. */
export const dropPrefetched = () => {
  early.clear();
  shared.clear();
};

export async function api(method, path, body, headers = {}) {
  if (method !== 'GET') shared.clear();
  const key = earlyKey(method, path, headers);
  const prefetched = key && early.get(key);
  if (prefetched) early.delete(key);
  const res = await (prefetched ?? send(method, path, body, headers));
  if (res instanceof Error) throw res;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && path !== '/session') window.dispatchEvent(new CustomEvent('weibao:signed-out'));
    throw err;
  }
  return data;
}

function send(method, path, body, headers) {
  return fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' || !csrfToken ? {} : { 'x-csrf-token': csrfToken }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A file upload (multipart) with the CSRF token. */
export async function upload(path, form) {
  shared.clear();
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    body: form,
  });
  const data = await res.json();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
