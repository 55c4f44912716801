// A brake on guessing API keys (issue 12, finding 5; clause 7, MLPS level 3 of 4.6): failed
// authentications are counted per client address and per presented key in a fixed window.
// Once either is over the limit, requests from that client (or with that key) are answered
// 429 with Retry-After before any database query, until the window ends. Only presented keys
// that fail count (a request without a key is a plain 401, not a guess). In memory, per API
// instance: several instances each brake on their own (a shared store is not needed for a brake).
export interface BrakeOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  maxEntries?: number;
}

interface Window {
  startMs: number;
  failures: number;
}

export class AuthBrake {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly o: BrakeOptions) {}

  /** Seconds to wait when any of the subjects is braked; undefined when the request may try. */
  retryAfter(subjects: string[]): number | undefined {
    const now = this.o.now();
    let wait: number | undefined;
    for (const s of subjects) {
      const w = this.windows.get(s);
      if (!w) continue;
      const endMs = w.startMs + this.o.windowMs;
      if (endMs <= now) {
        this.windows.delete(s);
        continue;
      }
      if (w.failures >= this.o.limit) wait = Math.max(wait ?? 0, Math.ceil((endMs - now) / 1000));
    }
    return wait;
  }

  fail(subjects: string[]): void {
    const now = this.o.now();
    if (this.windows.size >= (this.o.maxEntries ?? 50_000)) this.sweep(now);
    for (const s of subjects) {
      const w = this.windows.get(s);
      if (!w || w.startMs + this.o.windowMs <= now) this.windows.set(s, { startMs: now, failures: 1 });
      else w.failures += 1;
    }
  }

  private sweep(now: number): void {
    for (const [s, w] of this.windows) if (w.startMs + this.o.windowMs <= now) this.windows.delete(s);
    // Still full (a flood of distinct addresses): forget the oldest half rather than grow.
    if (this.windows.size >= (this.o.maxEntries ?? 50_000))
      [...this.windows.keys()].slice(0, this.windows.size / 2).forEach((k) => this.windows.delete(k));
  }
}
