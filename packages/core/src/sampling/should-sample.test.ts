import { describe, expect, it } from 'vitest';
import { newTraceId } from '../span/ids';
import { shouldSample } from './should-sample';

/** The documented function, written independently with BigInt, as another service would. */
function reference(traceId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  const r = BigInt(`0x${traceId.slice(18)}`);
  const threshold = BigInt(Math.floor((1 - rate) * 2 ** 56));
  return r >= threshold;
}

describe('shouldSample', () => {
  it('keeps everything at rate 1 and nothing at rate 0', () => {
    for (let i = 0; i < 100; i++) {
      const id = newTraceId();
      expect(shouldSample(id, 1)).toBe(true);
      expect(shouldSample(id, 0)).toBe(false);
      expect(shouldSample(id, Number.NaN)).toBe(false);
    }
  });

  it('is deterministic: the same trace id always gets the same decision', () => {
    for (let i = 0; i < 200; i++) {
      const id = newTraceId();
      const first = shouldSample(id, 0.37);
      for (let j = 0; j < 3; j++) expect(shouldSample(id, 0.37)).toBe(first);
    }
  });

  it('matches the documented function (rightmost 56 bits >= floor((1 − rate) × 2^56))', () => {
    const rates = [0.5, 0.1, 0.001, 0.25, 0.75, 0.999999, 1e-9];
    for (let i = 0; i < 2000; i++) {
      const id = newTraceId();
      for (const rate of rates) expect(shouldSample(id, rate)).toBe(reference(id, rate));
    }
  });

  it('handles the exact boundaries', () => {
    // T = 2^55 at rate 0.5: R = 2^55 is kept, R = 2^55 − 1 is not.
    expect(shouldSample('ffffffffffffffffff80000000000000', 0.5)).toBe(true);
    expect(shouldSample('00000000000000000080000000000000', 0.5)).toBe(true);
    expect(shouldSample('ffffffffffffffffff7fffffffffffff', 0.5)).toBe(false);
    // Only the rightmost 56 bits matter.
    expect(shouldSample('ffffffffffffffffff00000000000001', 0.5)).toBe(false);
    expect(shouldSample('000000000000000000ffffffffffffff', 1e-12)).toBe(true);
    expect(shouldSample('ffffffffffffffffff00000000000000', 0.9999999)).toBe(false);
    expect(shouldSample('000000000000000000fffffffffffffe', 1e-20)).toBe(false);
  });

  it('samples close to the configured rate over many random trace ids', () => {
    const n = 100_000;
    for (const rate of [0.01, 0.1, 0.5, 0.9]) {
      let kept = 0;
      for (let i = 0; i < n; i++) if (shouldSample(newTraceId(), rate)) kept++;
      const sigma = Math.sqrt(n * rate * (1 - rate));
      expect(Math.abs(kept - n * rate)).toBeLessThan(5 * sigma);
    }
  });

  it('falls back deterministically for ids that are not hex', () => {
    const decision = shouldSample('not-a-trace-id', 0.5);
    expect(shouldSample('not-a-trace-id', 0.5)).toBe(decision);
    let kept = 0;
    for (let i = 0; i < 10_000; i++) if (shouldSample(`custom-${i}`, 0.3)) kept++;
    expect(kept).toBeGreaterThan(2500);
    expect(kept).toBeLessThan(3500);
  });
});
