import { describe, expect, it } from 'vitest';
import { addUsage, leastCertainSource } from './add-usage';

describe('addUsage', () => {
  it('adds part by part and keeps the least certain source', () => {
    expect(
      addUsage({ input: 1, output: 2, source: 'provider' }, { input: 3, reasoning: 1, source: 'tokenizer' }),
    ).toEqual({
      input: 4,
      output: 2,
      reasoning: 1,
      source: 'tokenizer',
    });
  });
});

describe('leastCertainSource', () => {
  it('orders estimate < tokenizer < provider', () => {
    expect(leastCertainSource('provider', 'tokenizer')).toBe('tokenizer');
    expect(leastCertainSource('estimate', 'tokenizer')).toBe('estimate');
    expect(leastCertainSource('provider', 'provider')).toBe('provider');
  });
});
