const TWO_POW_32 = 4_294_967_296;
const TWO_POW_56 = 72_057_594_037_927_936;
const HEX_32 = /^[0-9a-fA-F]{32}$/;

/**
 * The sampling decision for a trace: deterministic, so every span of a trace gets the same answer in every
 * process and language. It is the OpenTelemetry consistent-probability rule over the trace id's random part
 * (W3C Trace Context level 2 puts the randomness in the rightmost 7 bytes), so a Tapline decision agrees with
 * an OpenTelemetry `TraceIdRatioBased`-style consistent sampler at the same rate.
 *
 * Exact function (reproduce it anywhere):
 * 1. `rate >= 1` → keep; `rate <= 0` (or NaN) → drop.
 * 2. `R` = the last 14 hex characters of the trace id (its rightmost 56 bits) as an unsigned integer.
 * 3. `T` = floor((1 − rate) × 2^56), computed in IEEE-754 double arithmetic.
 * 4. Keep the trace when `R >= T`.
 *
 * A trace id that is not 32 hex characters falls back to FNV-1a (32-bit) over its UTF-16 code units, kept when
 * `hash < floor(rate × 2^32)`.
 */
export function shouldSample(traceId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  if (typeof traceId !== 'string') return false;
  if (!HEX_32.test(traceId)) return fnv1a32(traceId) < Math.floor(rate * TWO_POW_32);
  // R splits into a 24-bit high part and a 32-bit low part; T likewise (all exact in doubles).
  const high = Number.parseInt(traceId.slice(18, 24), 16);
  const low = Number.parseInt(traceId.slice(24, 32), 16);
  const threshold = Math.floor((1 - rate) * TWO_POW_56);
  const thresholdHigh = Math.floor(threshold / TWO_POW_32);
  const thresholdLow = threshold - thresholdHigh * TWO_POW_32;
  return high > thresholdHigh || (high === thresholdHigh && low >= thresholdLow);
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
