/**
 * W3C Trace Context compatible identifiers: a trace id is 16 random bytes and a span id 8, both as lowercase
 * hex, never all zero. Random bytes are drawn from Web Crypto in blocks so a span costs a few array reads.
 */

const BLOCK = 4096;
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let pool = new Uint8Array(0);
let offset = BLOCK;

function fill(): void {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?(array: Uint8Array): Uint8Array } }).crypto;
  if (pool.length !== BLOCK) pool = new Uint8Array(BLOCK);
  if (webCrypto?.getRandomValues) {
    webCrypto.getRandomValues(pool);
  } else {
    for (let i = 0; i < BLOCK; i++) pool[i] = (Math.random() * 256) | 0;
  }
  offset = 0;
}

function randomHex(bytes: number): string {
  if (offset + bytes > BLOCK) fill();
  let out = '';
  let nonZero = false;
  for (let i = 0; i < bytes; i++) {
    const byte = pool[offset++]!;
    if (byte !== 0) nonZero = true;
    out += HEX[byte];
  }
  return nonZero ? out : randomHex(bytes);
}

export function newTraceId(): string {
  return randomHex(16);
}

export function newSpanId(): string {
  return randomHex(8);
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

export function isValidTraceId(id: unknown): id is string {
  return typeof id === 'string' && TRACE_ID.test(id) && id !== '0'.repeat(32);
}

export function isValidSpanId(id: unknown): id is string {
  return typeof id === 'string' && SPAN_ID.test(id) && id !== '0'.repeat(16);
}
