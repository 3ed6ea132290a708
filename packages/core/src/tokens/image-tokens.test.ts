import { describe, expect, it } from 'vitest';
import { imageTokens } from './image-tokens';

// Worked examples from OpenAI's vision guide, "Calculating costs":
// https://platform.openai.com/docs/guides/images-vision
describe('imageTokens', () => {
  it('gpt-4o tile examples', () => {
    expect(imageTokens({ width: 1024, height: 1024, detail: 'high' }, 'gpt-4o')).toBe(765);
    expect(imageTokens({ width: 2048, height: 4096, detail: 'high' }, 'gpt-4o')).toBe(1105);
    expect(imageTokens({ width: 4096, height: 8192, detail: 'low' }, 'gpt-4o')).toBe(85);
    expect(imageTokens({ width: 512, height: 512, detail: 'high' }, 'gpt-4o')).toBe(255);
  });

  it('auto is counted as high, and the default model is gpt-4o', () => {
    expect(imageTokens({ width: 1024, height: 1024 })).toBe(765);
    expect(imageTokens({ width: 1024, height: 1024, detail: 'auto' }, 'openai/gpt-4o-2024-08-06')).toBe(765);
  });

  it('uses model-specific tile constants', () => {
    expect(imageTokens({ width: 1024, height: 1024, detail: 'low' }, 'gpt-4o-mini')).toBe(2833);
    expect(imageTokens({ width: 1024, height: 1024, detail: 'high' }, 'gpt-4o-mini')).toBe(2833 + 4 * 5667);
    expect(imageTokens({ width: 1024, height: 1024, detail: 'high' }, 'o1')).toBe(75 + 4 * 150);
    expect(imageTokens({ width: 1024, height: 1024, detail: 'high' }, 'gpt-5')).toBe(70 + 4 * 140);
    expect(imageTokens({ width: 1024, height: 1024, detail: 'high' }, 'gpt-4.1')).toBe(765);
  });

  it('patch models follow the 32 px patch examples', () => {
    // 1024 × 1024 = 32 × 32 patches = 1024; 1800 × 2400 shrinks to 1056 × 1408 = 33 × 44 = 1452 (before multiplier)
    expect(imageTokens({ width: 1024, height: 1024 }, 'gpt-4.1-mini')).toBe(Math.ceil(1024 * 1.62));
    expect(imageTokens({ width: 1800, height: 2400 }, 'gpt-4.1-mini')).toBe(Math.ceil(1452 * 1.62));
    expect(imageTokens({ width: 1800, height: 2400 }, 'gpt-4.1-nano')).toBe(Math.ceil(1452 * 2.46));
    expect(imageTokens({ width: 1800, height: 2400 }, 'o4-mini')).toBe(Math.ceil(1452 * 1.72));
    expect(imageTokens({ width: 8000, height: 8000 }, 'gpt-5-mini')).toBeLessThanOrEqual(
      Math.ceil(1536 * 1.62),
    );
  });

  it('rejects sizes that are not numbers', () => {
    expect(() => imageTokens({ width: Number.NaN, height: 10 })).toThrow(RangeError);
  });
});
