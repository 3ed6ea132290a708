import { describe, expect, it } from 'vitest';
import {
  compileAliases,
  modelNameCandidates,
  normalizeModelName,
  normalizeProvider,
} from './normalize-model-name';

describe('normalizeModelName', () => {
  it.each([
    ['gpt-4o', { model: 'gpt-4o' }],
    ['openai/gpt-4o', { model: 'gpt-4o', provider: 'openai' }],
    ['OpenAI/GPT-4o', { model: 'gpt-4o', provider: 'openai' }],
    ['anthropic/claude-sonnet-4', { model: 'claude-sonnet-4', provider: 'anthropic' }],
    ['models/gemini-2.5-flash', { model: 'gemini-2.5-flash' }],
    [
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      { model: 'claude-3-5-sonnet-20241022-v2:0', provider: 'anthropic' },
    ],
    [
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      { model: 'claude-sonnet-4-20250514-v1:0', provider: 'anthropic' },
    ],
    ['meta-llama/Llama-3.3-70B-Instruct-Turbo', { model: 'meta-llama/llama-3.3-70b-instruct-turbo' }],
    ['gpt-4.1', { model: 'gpt-4.1' }],
  ])('%s', (input, expected) => {
    expect(normalizeModelName(input)).toEqual(expected);
  });

  it('applies aliases first (Azure deployment names)', () => {
    const aliases = compileAliases({ 'Prod-Chat': 'openai/gpt-4o-mini' });
    expect(normalizeModelName('prod-chat', aliases)).toEqual({ model: 'gpt-4o-mini', provider: 'openai' });
  });
});

describe('modelNameCandidates', () => {
  it.each([
    ['gpt-4o-2024-08-06', ['gpt-4o-2024-08-06', 'gpt-4o']],
    ['claude-sonnet-4-20250514', ['claude-sonnet-4-20250514', 'claude-sonnet-4']],
    ['claude-sonnet-4@20250514', ['claude-sonnet-4@20250514', 'claude-sonnet-4']],
    [
      'claude-3-5-sonnet-20241022-v2:0',
      ['claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ],
    ['grok-4-0709', ['grok-4-0709', 'grok-4']],
    ['mistral-large-2411', ['mistral-large-2411', 'mistral-large']],
    ['mistral-small-latest', ['mistral-small-latest', 'mistral-small']],
    ['gemini-2.0-flash-001', ['gemini-2.0-flash-001', 'gemini-2.0-flash']],
    ['gpt-4-0613', ['gpt-4-0613', 'gpt-4']],
    ['gpt-4o-mini', ['gpt-4o-mini']],
  ])('%s', (input, expected) => {
    expect(modelNameCandidates(input)).toEqual(expected);
  });
});

describe('normalizeProvider', () => {
  it.each([
    ['openai', 'openai'],
    ['azure', 'openai'],
    ['openai.chat', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['gcp.gemini', 'google'],
    ['google.generative-ai', 'google'],
    ['mistral_ai', 'mistral'],
    ['x_ai', 'xai'],
    ['xai.chat', 'xai'],
    ['Groq', 'groq'],
    ['openrouter', 'openrouter'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeProvider(input)).toBe(expected);
  });
});
