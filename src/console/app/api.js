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
/** Signed out or in: what was fetched before belongs to the previous session. */
export const dropPrefetched = () => early.clear();

export async function api(method, path, body, headers = {}) {
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
