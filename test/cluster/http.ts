import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

// A minimal JSON client for the cluster test: plain HTTP to one API instance, or HTTPS through
// the proxy trusting its self-signed certificate (fetch cannot be given a CA without undici).

export interface Reply {
  status: number;
  body: any;
}

export class Api {
  private readonly ca?: Buffer;
  constructor(
    readonly baseUrl: string,
    caFile?: string,
  ) {
    if (caFile) this.ca = readFileSync(caFile);
  }

  request(
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const h: Record<string, string> = { ...headers };
    if (key) h.authorization = `Bearer ${key}`;
    if (data) {
      h['content-type'] = 'application/json';
      h['content-length'] = String(data.length);
    }
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers: h, ca: this.ca, agent: false, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(data);
    });
  }

  /**
   * A request retried as a careful client does: on a network error or a 502/503 (an instance
   * killed mid-request, the proxy's other instance not yet marked up) or a 409 REQUEST_IN_PROGRESS
   * (the killed instance's claim on the key holds until its lease ends; the answer says to retry
   * with the same key) the same request is sent again, with the same Idempotency-Key. Returns the final reply and how many attempts it took.
   */
  async retried(
    method: string,
    path: string,
    key: string,
    body?: unknown,
    headers: Record<string, string> = {},
    attempts = 20,
  ): Promise<Reply & { attempts: number }> {
    let last: unknown;
    for (let i = 1; i <= attempts; i++) {
      try {
        const r = await this.request(method, path, key, body, headers);
        const inProgress =
          r.status === 409 && (r.body as { error?: { code?: string } })?.error?.code === 'REQUEST_IN_PROGRESS';
        if (
          r.status !== 502 &&
          r.status !== 503 &&
          r.status !== 504 &&
          !inProgress &&
          !(r.status === 500 && i < attempts)
        )
          return { ...r, attempts: i };
        last = new Error(`${r.status} ${JSON.stringify(r.body)}`);
      } catch (err) {
        last = err;
      }
      await new Promise((r) => setTimeout(r, 250 * i));
    }
    throw new Error(`${method} ${path} failed ${attempts} times: ${(last as Error).message}`);
  }
}
