import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * Calls that give up after `attempts` tries when Temporal is unavailable (the SDK retries 10
 * times, ~18 s: the API answered 500 after 19 s; issue 11, finding 5). The API then answers 503
 * with Retry-After.
 */
export function boundedRetries(attempts: number) {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: attempts, initialIntervalMs: () => 100, maxIntervalMs: () => 300 }))];
}

/** Omit `attempts` to keep the SDK's retries (scripts and tools that may wait). */
export async function connectClient(address: string, namespace: string, attempts?: number): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: '10s', ...(attempts === undefined ? {} : { interceptors: boundedRetries(attempts) }) });
  return new Client({ connection, namespace });
}
