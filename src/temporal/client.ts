import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { SigningInterceptors } from '../security/actor-signing';

/**
 * Calls that give up after `attempts` tries when Temporal is unavailable (the SDK retries 10
 * times, ~18 s: the API answered 500 after 19 s; issue 11, finding 5). The API then answers 503
 * with Retry-After.
 */
export function boundedRetries(attempts: number) {
  return [
    makeGrpcRetryInterceptor(
      defaultGrpcRetryOptions({ maxAttempts: attempts, initialIntervalMs: () => 100, maxIntervalMs: () => 300 }),
    ),
  ];
}

export interface ClientOptions {
  /** Omit to keep the SDK's retries (scripts and tools that may wait). */
  attempts?: number;
  /** The codec (src/security/payload-codec.ts) encrypts every payload the client sends and decrypts what it reads. */
  codec?: PayloadCodec;
  /** Signs every start, update, signal and schedule with the actor (src/security/actor-signing.ts). */
  signing?: SigningInterceptors;
}

export async function connectClient(address: string, namespace: string, opts: ClientOptions = {}): Promise<Client> {
  const connection = await Connection.connect({
    address,
    connectTimeout: '10s',
    ...(opts.attempts === undefined ? {} : { interceptors: boundedRetries(opts.attempts) }),
  });
  return new Client({
    connection,
    namespace,
    ...(opts.codec ? { dataConverter: { payloadCodecs: [opts.codec] } } : {}),
    ...(opts.signing ? { interceptors: { workflow: opts.signing.workflow, schedule: opts.signing.schedule } } : {}),
  });
}
