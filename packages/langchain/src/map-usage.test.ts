import { describe, expect, it } from 'vitest';
import { usageFromMetadata, usageFromTokenUsage } from './map-usage';

describe('usageFromMetadata', () => {
  it('keeps totals and maps cache and reasoning details as parts of them', () => {
    expect(
      usageFromMetadata({
        input_tokens: 2600,
        output_tokens: 50,
        total_tokens: 2650,
        input_token_details: { cache_read: 2000, cache_creation: 500 },
        output_token_details: { reasoning: 20 },
      }),
    ).toEqual({
      input: 2600,
      output: 50,
      total: 2650,
      cachedInput: 2000,
      cacheWrite: 500,
      reasoning: 20,
      source: 'provider',
    });
  });

  it('omits zero details, computes a missing total, ignores junk', () => {
    expect(
      usageFromMetadata({ input_tokens: 5, output_tokens: 2, input_token_details: { cache_read: 0 } }),
    ).toEqual({ input: 5, output: 2, total: 7, source: 'provider' });
    expect(usageFromMetadata(undefined)).toBeUndefined();
    expect(usageFromMetadata({} as never)).toBeUndefined();
    expect(usageFromMetadata({ input_tokens: -1, output_tokens: Number.NaN })).toBeUndefined();
  });
});

describe('usageFromTokenUsage', () => {
  it('reads camelCase and snake_case counts', () => {
    expect(usageFromTokenUsage({ promptTokens: 7, completionTokens: 3, totalTokens: 10 })).toEqual({
      input: 7,
      output: 3,
      total: 10,
      source: 'provider',
    });
    expect(usageFromTokenUsage({ prompt_tokens: 4, completion_tokens: 1 })).toEqual({
      input: 4,
      output: 1,
      total: 5,
      source: 'provider',
    });
    expect(usageFromTokenUsage({})).toBeUndefined();
  });

  it('keeps the cached and reasoning parts of raw OpenAI usage, with the given source', () => {
    expect(
      usageFromTokenUsage(
        {
          prompt_tokens: 40,
          completion_tokens: 20,
          total_tokens: 60,
          prompt_tokens_details: { cached_tokens: 32 },
          completion_tokens_details: { reasoning_tokens: 12 },
        },
        'estimate',
      ),
    ).toEqual({ input: 40, output: 20, total: 60, cachedInput: 32, reasoning: 12, source: 'estimate' });
  });
});
