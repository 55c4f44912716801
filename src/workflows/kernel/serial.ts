// Effects and record writes of a case run one at a time, in the order their facts happened,
// whether they come from an update handler or the timer loop (they interleave otherwise).

export interface Serial {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once everything queued so far has run. */
  idle(): Promise<unknown>;
}

export function serialQueue(): Serial {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const p = chain.then(fn);
      chain = p.catch(() => undefined);
      return p;
    },
    idle: () => chain,
  };
}
