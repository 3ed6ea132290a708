import { describe, expect, it } from 'vitest';
import { createPriceTable } from './create-price-table';
import { estimateCost } from './estimate-cost';
import { normalizeAnthropicUsage } from './normalize-anthropic-usage';
import { normalizeGeminiUsage } from './normalize-gemini-usage';
import { normalizeOpenAIUsage } from './normalize-openai-usage';
import { priceUsage } from './price-usage';

describe('estimateCost with OpenAI semantics (prompt tokens include cached tokens)', () => {
  it('prices uncached input, cached input and output (gpt-4o: 2.50 / 1.25 / 10.00 per 1M)', () => {
    const usage = normalizeOpenAIUsage({
      prompt_tokens: 10_000,
      completion_tokens: 2_000,
      total_tokens: 12_000,
      prompt_tokens_details: { cached_tokens: 4_000 },
    })!;
    expect(usage).toEqual({
      input: 10_000,
      output: 2_000,
      total: 12_000,
      cachedInput: 4_000,
      source: 'provider',
    });
    expect(estimateCost(usage, 'gpt-4o-2024-08-06', 'openai')).toEqual({
      currency: 'USD',
      input: 0.015, // 6,000 × 2.50 / 1M
      cachedInput: 0.005, // 4,000 × 1.25 / 1M
      output: 0.02, // 2,000 × 10 / 1M
      total: 0.04,
      priceVersion: 'openai/gpt-4o@2024-10-01',
    });
  });

  it('reasoning tokens are part of output and priced as output (o4-mini: 1.10 / 4.40)', () => {
    const usage = normalizeOpenAIUsage({
      input_tokens: 1_000,
      output_tokens: 5_000,
      output_tokens_details: { reasoning_tokens: 4_000 },
    })!;
    expect(usage.reasoning).toBe(4_000);
    const cost = estimateCost(usage, 'o4-mini')!;
    expect(cost.output).toBe(0.022);
    expect(cost.reasoning).toBeUndefined();
    expect(cost.total).toBe(0.0011 + 0.022);
  });

  it('reasoning at its own rate when an entry has one', () => {
    const entry = { provider: 'x', model: 'm', version: '2025-01-01', input: 1, output: 10, reasoning: 20 };
    const cost = priceUsage({ input: 0, output: 1_000_000, reasoning: 250_000 }, entry);
    expect(cost).toMatchObject({ output: 7.5, reasoning: 5, total: 12.5 });
  });

  it('reads DeepSeek cache hits', () => {
    const usage = normalizeOpenAIUsage({
      prompt_tokens: 1_000_000,
      completion_tokens: 0,
      prompt_cache_hit_tokens: 1_000_000,
    })!;
    expect(estimateCost(usage, 'deepseek-chat', 'deepseek')).toMatchObject({
      input: 0,
      cachedInput: 0.028,
      total: 0.028,
    });
  });
});

describe('estimateCost with Anthropic semantics (input_tokens exclude cache reads and writes)', () => {
  it('normalizes, then prices read and write at their rates (claude-sonnet-4: 3 / 0.30 read / 3.75 write / 15)', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 1_000,
      cache_read_input_tokens: 20_000,
      cache_creation_input_tokens: 5_000,
      output_tokens: 500,
    })!;
    expect(usage).toEqual({
      input: 26_000,
      output: 500,
      total: 26_500,
      cachedInput: 20_000,
      cacheWrite: 5_000,
      source: 'provider',
    });
    const cost = estimateCost(usage, 'claude-sonnet-4-20250514', 'anthropic')!;
    expect(cost).toEqual({
      currency: 'USD',
      input: 0.003, // 1,000 × 3 / 1M
      cachedInput: 0.006, // 20,000 × 0.30 / 1M
      cacheWrite: 0.01875, // 5,000 × 3.75 / 1M
      output: 0.0075, // 500 × 15 / 1M
      total: 0.03525,
      priceVersion: 'anthropic/claude-sonnet-4@2025-05-22',
    });
  });
});

describe('normalizeGeminiUsage', () => {
  it('adds thinking to output and keeps cached content inside input', () => {
    expect(
      normalizeGeminiUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 40,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        totalTokenCount: 150,
      }),
    ).toEqual({ input: 100, output: 50, total: 150, cachedInput: 40, reasoning: 30, source: 'provider' });
  });
});

describe('estimateCost edge cases', () => {
  it('is undefined (not 0) for an unknown model', () => {
    expect(estimateCost({ input: 10, output: 10 }, 'my-fine-tune')).toBeUndefined();
  });

  it('prices cached tokens at the input rate when the entry has no cached rate', () => {
    const table = createPriceTable([
      { provider: 'google', model: 'g', version: '2025-01-01', input: 1, output: 2 },
    ]);
    expect(estimateCost({ input: 2_000_000, cachedInput: 1_000_000 }, 'g', undefined, table)).toMatchObject({
      input: 1,
      cachedInput: 1,
      total: 2,
    });
  });

  it('never prices cached tokens twice or negatively when usage is inconsistent', () => {
    const entry = { provider: 'x', model: 'm', version: '2025-01-01', input: 1, output: 1, cachedInput: 0.5 };
    expect(priceUsage({ input: 100, cachedInput: 500, output: -3 }, entry)).toMatchObject({
      input: 0,
      output: 0,
      cachedInput: 0.00005,
    });
  });

  it('normalizers return undefined without usage', () => {
    expect(normalizeOpenAIUsage(undefined)).toBeUndefined();
    expect(normalizeOpenAIUsage(null)).toBeUndefined();
    expect(normalizeAnthropicUsage({})).toBeUndefined();
    expect(normalizeGeminiUsage({})).toBeUndefined();
  });
});
