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

export async function api(method, path, body, headers = {}) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' || !csrfToken ? {} : { 'x-csrf-token': csrfToken }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && path !== '/session') window.dispatchEvent(new CustomEvent('weibao:signed-out'));
    throw err;
  }
  return data;
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
