// Temporal payloads encrypted at rest and on the wire (issue 12, findings 1 and 6): hospital
// free text (fault descriptions, reasons, terms) is confidential (clause 7), and Temporal's
// store and Web UI must not hold it in the clear. AES-256-GCM with a random 96-bit nonce per
// payload; the key id travels in the payload's metadata (and is authenticated as AAD), so keys
// rotate: new payloads use the current key, old ones decode with the key they name. The key
// ring comes from config (TEMPORAL_PAYLOAD_KEYS), shared by the API, the worker and the codec
// endpoint the Web UI decodes through (src/api/routes/codec.ts).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { parseKeyRing, type KeyRing } from './key-ring';

export const ENCODING = 'binary/encrypted';
const ENCODING_KEY = 'encoding';
const KEY_ID = 'encryption-key-id';
const utf8 = new TextEncoder();
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : '');

export type PayloadKeyRing = KeyRing;

/** "id:base64key[,id:base64key...]": every key 32 bytes; the current key is `currentId` or the first. */
export const parsePayloadKeys = (spec: string, currentId?: string): PayloadKeyRing =>
  parseKeyRing('TEMPORAL_PAYLOAD_KEYS', spec, currentId);

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly ring: PayloadKeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const id = this.ring.currentId;
    const key = this.ring.keys.get(id)!;
    return payloads.map((p) => {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(utf8.encode(id));
      const sealed = Buffer.concat([cipher.update(temporal.api.common.v1.Payload.encode(p).finish()), cipher.final()]);
      return {
        metadata: { [ENCODING_KEY]: utf8.encode(ENCODING), [KEY_ID]: utf8.encode(id) },
        data: Buffer.concat([nonce, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (text(p.metadata?.[ENCODING_KEY]) !== ENCODING) return p; // written before encryption was on
      const id = text(p.metadata?.[KEY_ID]);
      const key = this.ring.keys.get(id);
      if (!key) throw new Error(`payload encrypted with key "${id}", which is not in TEMPORAL_PAYLOAD_KEYS`);
      const data = Buffer.from(p.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12)).setAAD(utf8.encode(id));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The codec of the configured key ring, or none when no keys are configured (development without encryption). */
export function payloadCodecFrom(c: {
  TEMPORAL_PAYLOAD_KEYS?: string;
  TEMPORAL_PAYLOAD_KEY_ID?: string;
}): AesGcmPayloadCodec | undefined {
  return c.TEMPORAL_PAYLOAD_KEYS
    ? new AesGcmPayloadCodec(parsePayloadKeys(c.TEMPORAL_PAYLOAD_KEYS, c.TEMPORAL_PAYLOAD_KEY_ID))
    : undefined;
}
