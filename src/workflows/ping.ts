/** Smallest possible workflow: the baseline for benchmarks and the health of the worker. */
export async function pingWorkflow(x: string = 'ping'): Promise<string> {
  return x;
}
