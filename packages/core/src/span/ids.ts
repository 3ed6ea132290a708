/**
 * W3C Trace Context compatible identifiers: a trace id is 16 random bytes and a span id 8, both as lowercase
 * hex, never all zero. Random bytes are drawn from Web Crypto in blocks so an id costs a few array reads and one
 * flat string.
 */

const BLOCK = 4096;
/** Char codes of the lowercase hex digits. */
const D: number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

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

/**
 * Eight pool bytes from `o` as 16 hex digits. One `String.fromCharCode` call makes one flat string: building ids
 * by appending two digits at a time made a rope of a dozen cons strings per trace id, which every live span kept
 * alive until the pipeline flattened it.
 */
function hex8(p: Uint8Array, o: number): string {
  const a = p[o]!;
  const b = p[o + 1]!;
  const c = p[o + 2]!;
  const d = p[o + 3]!;
  const e = p[o + 4]!;
  const f = p[o + 5]!;
  const g = p[o + 6]!;
  const h = p[o + 7]!;
  return String.fromCharCode(
    D[a >> 4]!,
    D[a & 15]!,
    D[b >> 4]!,
    D[b & 15]!,
    D[c >> 4]!,
    D[c & 15]!,
    D[d >> 4]!,
    D[d & 15]!,
    D[e >> 4]!,
    D[e & 15]!,
    D[f >> 4]!,
    D[f & 15]!,
    D[g >> 4]!,
    D[g & 15]!,
    D[h >> 4]!,
    D[h & 15]!,
  );
}

export function newTraceId(): string {
  if (offset + 16 > BLOCK) fill();
  const o = offset;
  offset += 16;
  const id = hex8(pool, o) + hex8(pool, o + 8);
  return id === ZERO_TRACE_ID ? newTraceId() : id;
}

export function newSpanId(): string {
  if (offset + 8 > BLOCK) fill();
  const o = offset;
  offset += 8;
  const id = hex8(pool, o);
  return id === ZERO_SPAN_ID ? newSpanId() : id;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

export function isValidTraceId(id: unknown): id is string {
  return typeof id === 'string' && TRACE_ID.test(id) && id !== ZERO_TRACE_ID;
}

export function isValidSpanId(id: unknown): id is string {
  return typeof id === 'string' && SPAN_ID.test(id) && id !== ZERO_SPAN_ID;
}

/** Draws the ids of a span whose ids were left empty at its start (see `SpanData.traceId`). */
export function ensureSpanIds(data: { traceId: string; spanId: string }): void {
  if (data.traceId === '') data.traceId = newTraceId();
  if (data.spanId === '') data.spanId = newSpanId();
}
