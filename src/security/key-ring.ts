// Key rings of the secrets shared by the API and the worker (issue 12): the payload key
// (TEMPORAL_PAYLOAD_KEYS) and the actor-signing key (TEMPORAL_ACTOR_KEYS). One format for
// both, "id:base64(32 bytes)[,id:base64...]": the current key is the one named or the first;
// the others stay to read what they wrote (rotation).

export interface KeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export function parseKeyRing(setting: string, spec: string, currentId?: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([\w.-]{1,64}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) throw new Error(`${setting}: each entry is id:base64key`);
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== 32) throw new Error(`${setting}: key ${m[1]} is ${key.length} bytes, it needs 32`);
    keys.set(m[1]!, key);
  }
  const current = currentId ?? [...keys.keys()][0];
  if (!current || !keys.has(current))
    throw new Error(`${setting}: the current key ${current ?? '(none)'} is not in the ring`);
  return { currentId: current, keys };
}
