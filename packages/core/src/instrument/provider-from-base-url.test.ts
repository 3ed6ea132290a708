import { describe, expect, it } from 'vitest';
import { providerFromBaseURL } from './provider-from-base-url';

describe('providerFromBaseURL', () => {
  it.each([
    ['https://api.openai.com/v1', 'openai'],
    ['https://my-res.openai.azure.com/openai', 'azure'],
    ['https://my-res.cognitiveservices.azure.com/openai/deployments/x', 'azure'],
    ['https://api.groq.com/openai/v1', 'groq'],
    ['https://api.together.xyz/v1', 'together'],
    ['https://openrouter.ai/api/v1', 'openrouter'],
    ['https://api.fireworks.ai/inference/v1', 'fireworks'],
    ['https://api.deepseek.com', 'deepseek'],
    ['https://api.mistral.ai/v1', 'mistral'],
    ['http://localhost:11434/v1', 'ollama'],
    ['http://127.0.0.1:1234/v1', 'lmstudio'],
    ['http://127.0.0.1:8000/v1', 'local'],
    ['https://bedrock-runtime.us-east-1.amazonaws.com', 'aws.bedrock'],
    ['https://us-east5-aiplatform.googleapis.com/v1', 'gcp.vertex_ai'],
  ])('%s → %s', (url, provider) => {
    expect(providerFromBaseURL(url, 'openai')).toBe(provider);
  });

  it('falls back for unknown hosts, empty and invalid URLs', () => {
    expect(providerFromBaseURL('https://llm.example.com/v1', 'openai')).toBe('openai');
    expect(providerFromBaseURL(undefined, 'anthropic')).toBe('anthropic');
    expect(providerFromBaseURL('not a url', 'openai')).toBe('openai');
  });

  it('does not match a host that merely contains a known name', () => {
    expect(providerFromBaseURL('https://api.groq.com.evil.example/v1', 'openai')).toBe('openai');
  });
});
