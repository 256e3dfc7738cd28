/**
 * Record keys and cell keys of the cell-key method. A record key is a keyed hash of the response id under the
 * database's secret (so keys are unpredictable without the secret, stable, and need no column of their own); a cell
 * key mixes the secret, the table's name, the cell's index and the sum of the record keys of the population the
 * table counts. Murmur3's 32-bit finaliser: cheap and well mixed; nothing here needs to be a cryptographic MAC
 * because neither keys nor cell keys are ever published.
 */
export interface Secret {
  words: Uint32Array;
}

export function secretFrom(bytes: Uint8Array): Secret {
  const words = new Uint32Array(8);
  for (let i = 0; i < bytes.length; i++) words[i % 8] = (Math.imul(words[i % 8]!, 31) + bytes[i]!) >>> 0;
  return { words };
}

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes one more 32-bit word into a running hash (murmur3 body step). */
export function mix(h: number, word: number): number {
  let k = Math.imul(word >>> 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/** The record key of response `id` (ids are below 2^53). */
export function recordKey(secret: Secret, id: number): number {
  const low = id >>> 0;
  const high = Math.floor(id / 0x100000000) >>> 0;
  return fmix(mix(mix(mix(secret.words[0]!, low), high), secret.words[1]!));
}

/** The record keys of many responses. */
export function recordKeys(secret: Secret, ids: readonly number[]): Uint32Array {
  return Uint32Array.from(ids, (id) => recordKey(secret, id));
}

/** A string's 32-bit hash, seeded by the secret (table names). */
export function nameHash(secret: Secret, name: string): number {
  let h = secret.words[2]!;
  for (let i = 0; i < name.length; i++) h = mix(h, name.charCodeAt(i));
  return fmix(mix(h, name.length));
}
