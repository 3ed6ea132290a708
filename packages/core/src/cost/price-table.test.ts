import { describe, expect, it } from 'vitest';
import { TaplineConfigError } from '../config/config-error';
import { buildPriceTable } from './build-price-table';
import { createPriceTable } from './create-price-table';
import type { PriceEntry } from './price-entry';
import { shippedPrices, shippedPriceTable } from './shipped-prices';
import { validatePriceTable } from './validate-price-table';

const entry = (fields: Partial<PriceEntry> & Record<string, unknown> = {}): Record<string, unknown> => ({
  provider: 'openai',
  model: 'my-model',
  version: '2025-01-01',
  input: 1,
  output: 2,
  ...fields,
});

function configError(fn: () => unknown): TaplineConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TaplineConfigError);
    return error as TaplineConfigError;
  }
  throw new Error('expected a TaplineConfigError');
}

describe('the shipped price table', () => {
  it('is valid', () => {
    expect(() => validatePriceTable(shippedPrices(), 'shipped prices')).not.toThrow();
    expect(shippedPrices().length).toBeGreaterThan(50);
  });

  it('covers every provider named in the issue, each entry with a source', () => {
    const providers = new Set(shippedPrices().map((e) => e.provider));
    for (const p of ['openai', 'anthropic', 'google', 'mistral', 'deepseek', 'xai', 'groq', 'together']) {
      expect(providers).toContain(p);
    }
    for (const e of shippedPrices()) expect(e.source).toMatch(/^https:\/\//);
  });

  it.each([
    ['gpt-4o', undefined, 'openai/gpt-4o'],
    ['gpt-4o-2024-08-06', 'openai', 'openai/gpt-4o'],
    ['gpt-4o-2024-05-13', 'openai', 'openai/gpt-4o-2024-05-13'],
    ['openai/gpt-4o-mini', undefined, 'openai/gpt-4o-mini'],
    ['gpt-4o', 'azure', 'openai/gpt-4o'],
    ['claude-sonnet-4-20250514', 'anthropic', 'anthropic/claude-sonnet-4'],
    ['claude-3-5-sonnet-latest', undefined, 'anthropic/claude-3-5-sonnet'],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 'aws.bedrock', 'anthropic/claude-3-5-haiku'],
    ['models/gemini-2.5-flash', 'gcp.gemini', 'google/gemini-2.5-flash'],
    ['mistral-large-latest', 'mistral_ai', 'mistral/mistral-large'],
    ['deepseek-chat', 'deepseek', 'deepseek/deepseek-chat'],
    ['grok-4-0709', 'xai', 'xai/grok-4'],
    ['llama-3.3-70b-versatile', 'groq', 'groq/llama-3.3-70b-versatile'],
    [
      'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'together',
      'together/meta-llama/llama-3.3-70b-instruct-turbo',
    ],
  ])('looks up %s (%s)', (model, provider, expected) => {
    const found = shippedPriceTable().lookup(model, provider);
    expect(found && `${found.provider}/${found.model}`).toBe(expected);
  });

  it('knows nothing of unknown models', () => {
    expect(shippedPriceTable().lookup('my-fine-tune')).toBeUndefined();
    expect(shippedPriceTable().lookup('gpt-4o-audio-preview')).toBeUndefined();
  });
});

describe('validatePriceTable', () => {
  it('names the entry and field of each error', () => {
    const negative = configError(() => validatePriceTable([entry(), entry({ model: 'other', input: -1 })]));
    expect(negative.field).toBe('prices[1] (openai/other@2025-01-01).input');
    expect(negative.message).toContain('>= 0');

    expect(configError(() => validatePriceTable([entry({ output: undefined })])).field).toBe(
      'prices[0] (openai/my-model@2025-01-01).output',
    );
    expect(configError(() => validatePriceTable([entry({ provider: '' })])).field).toBe(
      'prices[0] (?/my-model@2025-01-01).provider',
    );
    expect(configError(() => validatePriceTable([entry({ version: 'v2' })])).field).toBe(
      'prices[0] (openai/my-model@v2).version',
    );
    expect(configError(() => validatePriceTable([entry({ cached_input: 1 })])).field).toBe(
      'prices[0] (openai/my-model@2025-01-01).cached_input',
    );
    expect(configError(() => validatePriceTable([entry({ input: Number.NaN })])).field).toContain('.input');
    expect(configError(() => validatePriceTable('nope', 'pricesFile x.json')).field).toBe(
      'pricesFile x.json',
    );
  });

  it('refuses duplicate (provider, model, version), also after normalization', () => {
    const error = configError(() =>
      validatePriceTable([entry(), entry({ provider: 'Azure', model: 'My-Model' })]),
    );
    expect(error.field).toBe('prices[1] (Azure/My-Model@2025-01-01)');
    expect(error.message).toContain('prices[0]');
  });

  it('accepts several versions of one model', () => {
    expect(validatePriceTable([entry(), entry({ version: '2025-06-01' })])).toHaveLength(2);
  });
});

describe('createPriceTable', () => {
  it('uses the latest version already in effect', () => {
    const table = createPriceTable(
      validatePriceTable([
        entry(),
        entry({ version: '2025-06-01', input: 3 }),
        entry({ version: '2099-01-01', input: 9 }),
      ]),
      { asOf: '2025-07-01' },
    );
    expect(table.lookup('my-model')?.input).toBe(3);
  });

  it('prefers the provider named by the span, falls back to a single provider', () => {
    const table = createPriceTable(
      validatePriceTable([
        entry({ provider: 'groq', model: 'llama' }),
        entry({ provider: 'together', model: 'llama', input: 5 }),
      ]),
    );
    expect(table.lookup('llama', 'together.chat')?.input).toBe(5);
    expect(table.lookup('llama', 'groq')?.input).toBe(1);
    expect(table.lookup('llama')).toBeUndefined();
    expect(table.lookup('my-model')).toBeUndefined();
  });

  it('resolves aliases', () => {
    const table = createPriceTable(shippedPrices(), { aliases: { 'prod-chat-eu': 'gpt-4o-mini' } });
    expect(table.lookup('prod-chat-eu', 'azure')?.model).toBe('gpt-4o-mini');
  });
});

describe('buildPriceTable', () => {
  it('adds and overrides entries from config', () => {
    const table = buildPriceTable({
      prices: [
        entry({ model: 'house-model', input: 0.5 }) as unknown as PriceEntry,
        entry({ model: 'gpt-4o', version: '2024-10-01', input: 2, output: 8 }) as unknown as PriceEntry,
      ],
      modelAliases: {},
    });
    expect(table.lookup('house-model')?.input).toBe(0.5);
    expect(table.lookup('gpt-4o')?.input).toBe(2);
    expect(table.lookup('gpt-4o-mini')?.input).toBe(0.15);
  });

  it('names the bad entry in config', () => {
    const error = configError(() =>
      buildPriceTable({ prices: [entry({ output: -2 }) as unknown as PriceEntry], modelAliases: {} }),
    );
    expect(error.message).toContain('prices[0] (openai/my-model@2025-01-01).output');
  });

  it('reports an unreadable prices file', () => {
    expect(
      configError(() =>
        buildPriceTable({ prices: [], pricesFile: '/nonexistent/prices.json', modelAliases: {} }),
      ).field,
    ).toBe('pricesFile');
  });
});
