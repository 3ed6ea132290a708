import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { countTokens, countTokensSync, preloadTokenizer } from './count-tokens';
import { encodingForModel } from './encoding-for-model';
import { estimateTokens } from './estimate-tokens';

const raw = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };

const SAMPLES = [
  '',
  'Hello, world!',
  'tiktoken is great!',
  "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  'function add(a, b) {\n  return a + b;\n}\n\n\n   indented   spaces\t\ttabs',
  'Ünïcödé, 日本語のテキスト, emoji 🎉🎉 and numbers 1234567890 3.14159',
];

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-4.5-preview', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini-2025-08-07', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['text-davinci-003', 'p50k_base'],
    ['code-davinci-002', 'p50k_base'],
    ['text-davinci-edit-001', 'p50k_edit'],
    ['davinci', 'r50k_base'],
    ['text-curie-001', 'r50k_base'],
    ['gpt2', 'gpt2'],
  ])('%s → %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });

  it.each([
    'claude-sonnet-4-20250514',
    'gemini-2.5-pro',
    'mistral-large-latest',
    'meta-llama/llama-3.3-70b-instruct-turbo',
    'deepseek-chat',
    'grok-4',
    'anthropic/gpt-4o',
  ])('%s has no shipped encoding', (model) => {
    expect(encodingForModel(model)).toBeUndefined();
  });
});

describe('countTokens', () => {
  it.each(SAMPLES)('equals raw js-tiktoken for %j', async (text) => {
    const gpt4o = await countTokens(text, 'gpt-4o');
    expect(gpt4o).toEqual({
      tokens: raw.o200k_base.encode(text).length,
      method: 'tokenizer',
      encoding: 'o200k_base',
    });
    const gpt4 = await countTokens(text, 'gpt-4');
    expect(gpt4).toEqual({
      tokens: raw.cl100k_base.encode(text).length,
      method: 'tokenizer',
      encoding: 'cl100k_base',
    });
  });

  it('counts special-token text as ordinary text instead of throwing', async () => {
    const result = await countTokens('a <|endoftext|> b', 'gpt-4o');
    expect(result.tokens).toBe(raw.o200k_base.encode('a <|endoftext|> b', [], []).length);
  });

  it('estimates other providers and says so', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(await countTokens(text, 'claude-sonnet-4-20250514')).toEqual({ tokens: 11, method: 'estimate' });
    expect(countTokensSync(text, 'gemini-2.5-flash')).toEqual({ tokens: 11, method: 'estimate' });
  });

  it('sync variant uses the tokenizer once the encoding is loaded', async () => {
    expect(await preloadTokenizer('gpt-4o')).toBe('tokenizer');
    expect(countTokensSync('Hello, world!', 'gpt-4o')).toEqual({
      tokens: 4,
      method: 'tokenizer',
      encoding: 'o200k_base',
    });
    expect(await preloadTokenizer('claude-3-5-haiku')).toBe('estimate');
  });
});

describe('estimateTokens', () => {
  it('counts a token per 4 ASCII characters and per other character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('日本語')).toBe(3);
    expect(estimateTokens('🎉')).toBe(1);
  });
});
