const TWO_POW_32 = 4_294_967_296;
const HEX_16 = /^[0-9a-fA-F]{16}/;

/**
 * The sampling decision for a trace: deterministic, so every span of a trace gets the same answer in every
 * process and language.
 *
 * Exact function (reproduce it anywhere):
 * 1. `rate >= 1` → keep; `rate <= 0` (or NaN) → drop.
 * 2. Read the first 16 hex characters of the trace id (its first 8 bytes) as an unsigned 64-bit big-endian
 *    integer `x`.
 * 3. Keep the trace when `x < floor(rate × 2^64)`. (`rate × 2^64` is exact in IEEE-754 double arithmetic.)
 *
 * A trace id that does not start with 16 hex characters falls back to FNV-1a (32-bit) over its UTF-16 code
 * units, kept when `hash < floor(rate × 2^32)`.
 */
export function shouldSample(traceId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  if (typeof traceId !== 'string') return false;
  if (!HEX_16.test(traceId)) return fnv1a32(traceId) < Math.floor(rate * TWO_POW_32);
  const high = Number.parseInt(traceId.slice(0, 8), 16);
  const low = Number.parseInt(traceId.slice(8, 16), 16);
  // threshold = floor(rate × 2^64), split into two 32-bit halves (all exact in doubles).
  const threshold = Math.floor(rate * TWO_POW_32 * TWO_POW_32);
  const thresholdHigh = Math.floor(threshold / TWO_POW_32);
  const thresholdLow = threshold - thresholdHigh * TWO_POW_32;
  return high < thresholdHigh || (high === thresholdHigh && low < thresholdLow);
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
