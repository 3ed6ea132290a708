/**
 * Identifier hashing with Web Crypto (`crypto.subtle`: Node >= 20, Edge, Workers, Bun, Deno, browsers).
 *
 * Exact function, so other systems can join on the result:
 *   with a secret:    hashIdentifier(id, secret) = lowercase hex of HMAC-SHA256(key = UTF-8(secret), message = UTF-8(id))
 *   without a secret: hashIdentifier(id)         = lowercase hex of SHA-256(UTF-8(id))
 * 64 hex characters, no prefix, no normalization of `id` (a lone UTF-16 surrogate encodes as U+FFFD, as
 * `TextEncoder` does everywhere). Unkeyed hashes can be reversed by guessing likely ids; configure a secret.
 */

const encoder = new TextEncoder();
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Most recent results, so that the same user/session in a batch is hashed once. */
const RESULT_CACHE_SIZE = 2048;
/** Longer inputs (prompts) are not cached. */
const CACHEABLE_LENGTH = 256;
const results = new Map<string, Promise<string>>();
const keys = new Map<string, Promise<CryptoKey>>();

function subtleCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is not available in this runtime');
  return subtle;
}

function bytes(value: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (
    typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value)
  ) as Uint8Array<ArrayBuffer>;
}

/** Lowercase hex of a byte buffer. */
export function toHex(buffer: ArrayBuffer | Uint8Array): string {
  const view = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < view.length; i++) out += HEX[view[i]!];
  return out;
}

/** SHA-256 of a string (as UTF-8) or bytes, as lowercase hex. */
export async function sha256Hex(message: string | Uint8Array): Promise<string> {
  return toHex(await subtleCrypto().digest('SHA-256', bytes(message)));
}

function hmacKey(secret: string | Uint8Array): Promise<CryptoKey> {
  const importKey = () =>
    subtleCrypto().importKey('raw', bytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  if (typeof secret !== 'string') return importKey();
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 16) keys.clear();
    key = importKey();
    keys.set(secret, key);
    key.catch(() => keys.delete(secret));
  }
  return key;
}

/** HMAC-SHA256 (RFC 2104 / RFC 4231) of `message` keyed by `key`; strings are taken as UTF-8. Lowercase hex. */
export async function hmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): Promise<string> {
  const cryptoKey = await hmacKey(key);
  return toHex(await subtleCrypto().sign('HMAC', cryptoKey, bytes(message)));
}

/**
 * Hashes a user id, session id or other identifier so that it can leave the process: HMAC-SHA256 keyed by
 * `secret` (use `TAPLINE_HASH_SECRET`), or plain SHA-256 without one. The same id and secret give the same
 * 64-hex-character result in every process and runtime. Recent results are cached.
 */
export function hashIdentifier(id: string, secret?: string): Promise<string> {
  const text = String(id);
  const keyed = secret !== undefined && secret !== '';
  if (text.length > CACHEABLE_LENGTH) return keyed ? hmacSha256Hex(secret, text) : sha256Hex(text);
  const cacheKey = keyed ? `k${secret.length}:${secret}${text}` : `u${text}`;
  const cached = results.get(cacheKey);
  if (cached) {
    // refresh recency
    results.delete(cacheKey);
    results.set(cacheKey, cached);
    return cached;
  }
  const hash = keyed ? hmacSha256Hex(secret, text) : sha256Hex(text);
  if (results.size >= RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
  results.set(cacheKey, hash);
  hash.catch(() => results.delete(cacheKey));
  return hash;
}
