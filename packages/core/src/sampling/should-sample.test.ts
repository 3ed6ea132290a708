import { describe, expect, it } from 'vitest';
import { newTraceId } from '../span/ids';
import { shouldSample } from './should-sample';

/** The documented function, written independently with BigInt, as another service would. */
function reference(traceId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  const x = BigInt(`0x${traceId.slice(0, 16)}`);
  const threshold = BigInt(Math.floor(rate * 2 ** 64));
  return x < threshold;
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

  it('matches the documented function (first 8 bytes < floor(rate × 2^64))', () => {
    const rates = [0.5, 0.1, 0.001, 0.25, 0.75, 0.999999, 1e-9];
    for (let i = 0; i < 2000; i++) {
      const id = newTraceId();
      for (const rate of rates) expect(shouldSample(id, rate)).toBe(reference(id, rate));
    }
  });

  it('handles the exact boundaries', () => {
    expect(shouldSample('80000000000000000000000000000000', 0.5)).toBe(false);
    expect(shouldSample('7fffffffffffffff0000000000000000', 0.5)).toBe(true);
    expect(shouldSample('00000000000000000000000000000001', 1e-20)).toBe(false);
    expect(shouldSample('ffffffffffffffffffffffffffffffff', 0.9999999)).toBe(false);
    expect(shouldSample('FFFFFFFFFFFFFFFE0000000000000000', 0.9999999)).toBe(false);
    expect(shouldSample('0000000000000000ffffffffffffffff', 1e-12)).toBe(true);
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
