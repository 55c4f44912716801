import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../../src/security/payload-codec';
import { parseConfig, ConfigError } from '../../../src/config';

const key = () => randomBytes(32).toString('base64');
const payload = defaultPayloadConverter.toPayload({ description: '病房打印机 胸痛中心' })!;

describe('payload codec (AES-256-GCM, key id in the payload)', () => {
  it('when a payload is encoded, then it holds no clear text and decodes back', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(`k1:${key()}`));
    const [sealed] = await codec.encode([payload]);
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('胸痛中心'))).toBe(false);
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([sealed!]))[0]!)).toEqual({
      description: '病房打印机 胸痛中心',
    });
  });

  it('when the key rotates, then payloads sealed with the old key still decode, new ones use the new key', async () => {
    const k1 = key();
    const old = new AesGcmPayloadCodec(parsePayloadKeys(`k1:${k1}`));
    const [sealed] = await old.encode([payload]);
    const rotated = new AesGcmPayloadCodec(parsePayloadKeys(`k2:${key()},k1:${k1}`));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealed!]))[0]!)).toEqual({
      description: '病房打印机 胸痛中心',
    });
    expect(Buffer.from((await rotated.encode([payload]))[0]!.metadata!['encryption-key-id']!).toString()).toBe('k2');
  });

  it('when a sealed payload is altered or its key id swapped, then decoding fails', async () => {
    const ring = parsePayloadKeys(`k1:${key()},k2:${key()}`);
    const codec = new AesGcmPayloadCodec(ring);
    const [sealed] = await codec.encode([payload]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20]! ^= 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow();
    await expect(
      codec.decode([{ ...sealed!, metadata: { ...sealed!.metadata, 'encryption-key-id': Buffer.from('k2') } }]),
    ).rejects.toThrow();
  });

  it.each([['x'], ['k1:c2hvcnQ='], ['k1:']])('when TEMPORAL_PAYLOAD_KEYS is %p, then it is refused', (spec) => {
    expect(() => parsePayloadKeys(spec)).toThrow(/TEMPORAL_PAYLOAD_KEYS/);
  });

  it('when production runs without payload keys, then the configuration is refused naming the variable', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/TEMPORAL_PAYLOAD_KEYS/);
    expect(
      parseConfig({ NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: `k1:${key()}`, TEMPORAL_ACTOR_KEYS: `a1:${key()}` })
        .TEMPORAL_PAYLOAD_KEYS,
    ).toBeDefined();
  });

  it('when production runs without actor keys, then the configuration is refused naming the variable (signed actors)', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: `k1:${key()}` })).toThrow(
      /TEMPORAL_ACTOR_KEYS: required in production/,
    );
  });
});
