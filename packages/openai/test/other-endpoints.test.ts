import { AzureOpenAI } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapOpenAI } from '../src/index';
import { API_KEY, type Harness, harness } from './setup';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('responses', () => {
  it('records a plain call', async () => {
    h.server.enqueue({
      text: 'Hi there',
      usage: { inputTokens: 20, outputTokens: 5, reasoningTokens: 2, cachedInputTokens: 8 },
    });
    const response = await h.client.responses.create({
      model: 'gpt-4o',
      input: 'Hello',
      instructions: 'Be brief',
      max_output_tokens: 40,
    });
    expect(response.output_text).toBe('Hi there');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      kind: 'llm',
      operation: 'chat',
      responseId: response.id,
      request: { maxTokens: 40 },
      usage: { input: 20, output: 5, reasoning: 2, cachedInput: 8, source: 'provider' },
      finishReasons: ['stop'],
      status: 'ok',
    });
  });

  it('records a streamed call with TTFT and usage from response.completed', async () => {
    h.server.enqueue({ text: 'Streaming from responses', usage: { inputTokens: 11, outputTokens: 4 } });
    const stream = await h.client.responses.create({ model: 'gpt-4o', input: 'Hello', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toContain('response.completed');
    const [span] = await h.spans();
    expect(span).toMatchObject({ status: 'ok', usage: { input: 11, output: 4, source: 'provider' } });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(h.raw.get(span!.spanId)?.outputChunks?.join('')).toBe('Streaming from responses');
  });

  it('records the responses.stream() helper once', async () => {
    h.server.enqueue({ text: 'helper', usage: { inputTokens: 3, outputTokens: 1 } });
    const runner = h.client.responses.stream({ model: 'gpt-4o', input: 'Hello' });
    const final = await runner.finalResponse();
    expect(final.output_text).toBe('helper');
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ status: 'ok', usage: { output: 1 } });
  });

  it('records function calls', async () => {
    h.server.enqueue({ toolCalls: [{ name: 'search', arguments: { q: 'a' } }] });
    await h.client.responses.create({
      model: 'gpt-4o',
      input: 'find',
      tools: [{ type: 'function', name: 'search', parameters: { type: 'object' }, strict: false }],
    });
    const [span] = await h.spans();
    expect(span).toMatchObject({ toolCalls: { count: 1, names: ['search'] }, request: { toolCount: 1 } });
  });
});

describe('embeddings and legacy completions', () => {
  it('records embeddings', async () => {
    h.server.enqueue({ usage: { inputTokens: 6 } });
    const result = await h.client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a b', 'c d'],
    });
    expect(result.data).toHaveLength(2);
    const [span] = await h.spans();
    expect(span).toMatchObject({
      kind: 'embedding',
      operation: 'embeddings',
      usage: { input: 6 },
      status: 'ok',
    });
  });

  it('records legacy completions, plain and streamed', async () => {
    h.server.enqueue(
      { text: 'legacy text', usage: { inputTokens: 4, outputTokens: 2 } },
      { text: 'streamed legacy' },
    );
    const plain = await h.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say' });
    expect(plain.choices[0]?.text).toBe('legacy text');
    const stream = await h.client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say',
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    const [a, b] = await h.spans();
    expect(a).toMatchObject({ operation: 'text_completion', usage: { input: 4, output: 2 }, status: 'ok' });
    expect(b).toMatchObject({ operation: 'text_completion', status: 'ok', request: { stream: true } });
    expect(h.raw.get(b!.spanId)?.outputChunks?.join('')).toBe('streamed legacy');
  });
});

describe('providers', () => {
  it('AzureOpenAI is recognised and keeps working', async () => {
    const azure = new AzureOpenAI({
      apiKey: API_KEY,
      endpoint: h.server.url,
      apiVersion: '2024-10-21',
      deployment: 'gpt-4o',
      maxRetries: 0,
    });
    const client = wrapOpenAI(azure, { telemetry: h.telemetry });
    expect(client).toBeInstanceOf(AzureOpenAI);
    h.server.enqueue({ text: 'azure' });
    const result = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    const [span] = await h.spans();
    expect(span?.provider).toBe('azure');
    expect(span?.status).toBe(result instanceof Error ? 'error' : 'ok');
  });

  it('an explicit provider option wins', async () => {
    const client = wrapOpenAI(h.rawClient, { telemetry: h.telemetry, provider: 'groq' });
    h.server.enqueue({ text: 'x' });
    await client.chat.completions.create({
      model: 'llama-3.1-8b-instant',
      messages: [{ role: 'user', content: 'x' }],
    });
    const [span] = await h.spans();
    expect(span?.provider).toBe('groq');
  });
});
