import { getNodeBuiltin } from '../runtime/node-builtin';

/**
 * Identifier hashing. Where the runtime has `node:crypto` (Node, Bun, Deno; reached without a static import) the
 * digest is computed synchronously with `createHmac` / `createHash`, which costs a few microseconds; elsewhere
 * (Edge, Workers, browsers) with Web Crypto (`crypto.subtle`), whose every call is an async round trip. Both give
 * byte-identical results.
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
const results = new Map<string, string | Promise<string>>();
const keys = new Map<string, Promise<CryptoKey>>();

interface NodeDigest {
  update(data: string | Uint8Array, encoding?: 'utf8'): NodeDigest;
  digest(encoding: 'hex'): string;
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeDigest;
  createHmac(algorithm: 'sha256', key: string | Uint8Array): NodeDigest;
}

let nodeCryptoModule: NodeCrypto | null | undefined;

/** `node:crypto` when the runtime has it (checked once), otherwise null. */
function nodeCrypto(): NodeCrypto | null {
  if (nodeCryptoModule === undefined) {
    const candidate = getNodeBuiltin<Partial<NodeCrypto>>('node:crypto');
    nodeCryptoModule =
      candidate && typeof candidate.createHmac === 'function' && typeof candidate.createHash === 'function'
        ? (candidate as NodeCrypto)
        : null;
  }
  return nodeCryptoModule;
}

/**
 * What `node:crypto` gets: well-formed strings as they are (it encodes them as UTF-8), anything else as the bytes
 * `TextEncoder` produces (a lone surrogate becomes U+FFFD), so both paths hash the same bytes.
 */
function utf8(value: string | Uint8Array): string | Uint8Array {
  if (typeof value !== 'string') return value;
  const wellFormed = (value as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof wellFormed === 'function' && wellFormed.call(value) ? value : encoder.encode(value);
}

/** SHA-256 hex, synchronously through `node:crypto`; undefined where that is not available (or fails). */
function sha256HexSync(message: string | Uint8Array): string | undefined {
  const crypto = nodeCrypto();
  if (!crypto) return undefined;
  try {
    return crypto.createHash('sha256').update(utf8(message)).digest('hex');
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256 hex, synchronously through `node:crypto`; undefined where that is not available (or fails). */
function hmacSha256HexSync(key: string | Uint8Array, message: string | Uint8Array): string | undefined {
  const crypto = nodeCrypto();
  if (!crypto) return undefined;
  try {
    return crypto.createHmac('sha256', utf8(key)).update(utf8(message)).digest('hex');
  } catch {
    return undefined;
  }
}

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
  return sha256HexSync(message) ?? webSha256Hex(message);
}

async function webSha256Hex(message: string | Uint8Array): Promise<string> {
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
  return hmacSha256HexSync(key, message) ?? webHmacSha256Hex(key, message);
}

async function webHmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): Promise<string> {
  const cryptoKey = await hmacKey(key);
  return toHex(await subtleCrypto().sign('HMAC', cryptoKey, bytes(message)));
}

/**
 * Hashes a user id, session id or other identifier so that it can leave the process: HMAC-SHA256 keyed by
 * `secret` (use `TAPLINE_HASH_SECRET`), or plain SHA-256 without one. The same id and secret give the same
 * 64-hex-character result in every process and runtime. Recent results are cached.
 */
export function hashIdentifier(id: string, secret?: string): Promise<string> {
  const hash = hashIdentifierNow(id, secret);
  return typeof hash === 'string' ? Promise.resolve(hash) : hash;
}

/**
 * {@link hashIdentifier} for the pipeline: the hash itself when it can be computed synchronously (`node:crypto`, or
 * a cached result), a promise only where the runtime has Web Crypto alone. Same result, fewer promises and no
 * thread-pool round trip per span.
 */
export function hashIdentifierNow(id: string, secret?: string): string | Promise<string> {
  const text = String(id);
  const keyed = secret !== undefined && secret !== '';
  if (text.length > CACHEABLE_LENGTH) return compute(text, keyed ? secret : undefined);
  const cacheKey = keyed ? `k${secret.length}:${secret}${text}` : `u${text}`;
  const cached = results.get(cacheKey);
  if (cached !== undefined) {
    // refresh recency
    results.delete(cacheKey);
    results.set(cacheKey, cached);
    return cached;
  }
  const hash = compute(text, keyed ? secret : undefined);
  if (results.size >= RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
  results.set(cacheKey, hash);
  if (typeof hash !== 'string') {
    hash.then(
      (value) => {
        if (results.get(cacheKey) === hash) results.set(cacheKey, value);
      },
      () => results.delete(cacheKey),
    );
  }
  return hash;
}

function compute(text: string, secret: string | undefined): string | Promise<string> {
  const fast = secret !== undefined ? hmacSha256HexSync(secret, text) : sha256HexSync(text);
  if (fast !== undefined) return fast;
  return secret !== undefined ? webHmacSha256Hex(secret, text) : webSha256Hex(text);
}
