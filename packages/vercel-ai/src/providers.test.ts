import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { type MockServer, startMockServer } from '@tapline/testkit';
import { generateText, jsonSchema, Output, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { taplineMiddleware } from './tapline-middleware';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function openaiModel(h: ReturnType<typeof harness>, api: 'chat' | 'responses' = 'chat') {
  const provider = createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'sk-test' });
  const inner = api === 'chat' ? provider.chat('gpt-4o-mini') : provider.responses('gpt-4o-mini');
  return wrapLanguageModel({ model: inner, middleware: taplineMiddleware({ telemetry: h.telemetry }) });
}

function anthropicModel(h: ReturnType<typeof harness>) {
  const provider = createAnthropic({ baseURL: `${server.anthropicBaseURL}/v1`, apiKey: 'sk-ant-test' });
  return wrapLanguageModel({
    model: provider('claude-sonnet-4-5'),
    middleware: taplineMiddleware({ telemetry: h.telemetry }),
  });
}

const weather = tool({
  description: 'Weather for a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
  execute: async ({ city }) => `Sunny in ${city}`,
});

describe('with @ai-sdk/openai against the mock server', () => {
  it('records a chat completion with cached and reasoning tokens', async () => {
    const h = harness();
    server.enqueue({
      text: 'Hello!',
      usage: { inputTokens: 50, outputTokens: 20, cachedInputTokens: 30, reasoningTokens: 8 },
    });
    const result = await generateText({ model: openaiModel(h), prompt: 'Hi', maxOutputTokens: 64 });
    expect(result.text).toBe('Hello!');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'openai.chat',
      requestModel: 'gpt-4o-mini',
      status: 'ok',
      finishReasons: ['stop'],
      usage: { input: 50, output: 20, total: 70, cachedInput: 30, reasoning: 8, source: 'provider' },
      request: { maxTokens: 64, stream: false },
    });
    expect(span?.responseId).toBeTruthy();
    expect(span?.responseModel).toBeTruthy();
    expect(span?.cost?.total).toBeGreaterThan(0);
    expect(span?.cost?.cachedInput).toBeGreaterThan(0);
  });

  it('records a streamed responses-API call with TTFT', async () => {
    const h = harness();
    server.enqueue({ text: 'Hello world', usage: { inputTokens: 9, outputTokens: 3 } });
    const result = streamText({ model: openaiModel(h, 'responses'), prompt: 'Hi' });
    expect(await result.text).toBe('Hello world');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'openai.responses',
      status: 'ok',
      usage: { input: 9, output: 3, source: 'provider' },
      request: { stream: true },
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(span?.ttftMs).toBeLessThanOrEqual(span?.durationMs ?? 0);
  });

  it('records structured output', async () => {
    const h = harness();
    server.enqueue({ json: { name: 'Ada', age: 36 } });
    const result = await generateText({
      model: openaiModel(h),
      prompt: 'Who?',
      output: Output.object({
        schema: jsonSchema<{ name: string; age: number }>({
          type: 'object',
          properties: { name: { type: 'string' }, age: { type: 'number' } },
          required: ['name', 'age'],
          additionalProperties: false,
        }),
      }),
    });
    expect(result.output).toEqual({ name: 'Ada', age: 36 });
    const [span] = await h.spans();
    expect(span).toMatchObject({ request: { responseFormat: 'json' }, status: 'ok' });
  });

  it('records each step of a tool loop', async () => {
    const h = harness();
    server.enqueue(
      {
        toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }],
        usage: { inputTokens: 30, outputTokens: 10 },
      },
      { text: 'Sunny in Oslo.', usage: { inputTokens: 45, outputTokens: 5 } },
    );
    const result = await generateText({
      model: openaiModel(h),
      prompt: 'Weather in Oslo?',
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    expect(result.text).toBe('Sunny in Oslo.');
    const spans = await h.spans();
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({
      finishReasons: ['tool-calls'],
      toolCalls: { count: 1, names: ['weather'] },
    });
    expect(spans[0]?.usage).toMatchObject({ input: 30, output: 10 });
    expect(spans[1]?.usage).toMatchObject({ input: 45, output: 5 });
  });

  it('records an HTTP error and rethrows the SDK error unchanged', async () => {
    const h = harness();
    server.enqueue({ error: { status: 429, type: 'rate_limit_exceeded', message: 'slow down' } });
    const error = await generateText({ model: openaiModel(h), prompt: 'Hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AI_APICallError');
    const [span] = await h.spans();
    expect(span?.status).toBe('error');
  });

  it('records a mid-stream failure', async () => {
    const h = harness();
    server.enqueue({ text: 'abcdefgh', streamError: { afterChunks: 2, message: 'boom' } });
    const errors: unknown[] = [];
    const result = streamText({
      model: openaiModel(h),
      prompt: 'Hi',
      onError: ({ error }) => void errors.push(error),
    });
    await result.consumeStream();
    const [span] = await h.spans();
    expect(span?.status).toBe('error');
  });

  it('leaves usage to token counting when the stream carries none', async () => {
    const h = harness();
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      data: {
        id: 'chatcmpl-raw',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, delta, finish_reason: finish }],
      },
    });
    server.enqueue({
      rawEvents: [
        chunk({ role: 'assistant', content: 'No ' }),
        chunk({ content: 'usage' }),
        chunk({}, 'stop'),
        { data: '[DONE]' },
      ],
    });
    const result = streamText({ model: openaiModel(h), prompt: 'Count me' });
    expect(await result.text).toBe('No usage');
    const [span] = await h.spans();
    expect(span?.status).toBe('ok');
    expect(span?.usage?.source).toBe('tokenizer');
    expect(span?.usage?.input).toBeGreaterThan(0);
    expect(span?.usage?.output).toBeGreaterThan(0);
  });
});

describe('with @ai-sdk/anthropic against the mock server', () => {
  it('records cache reads and writes inside the input total', async () => {
    const h = harness();
    server.enqueue({
      text: 'Bonjour',
      usage: { inputTokens: 10, outputTokens: 4, cachedInputTokens: 100, cacheCreationInputTokens: 20 },
    });
    const result = await generateText({ model: anthropicModel(h), prompt: 'Hi' });
    expect(result.text).toBe('Bonjour');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'anthropic.messages',
      usage: { input: 130, output: 4, total: 134, cachedInput: 100, cacheWrite: 20, source: 'provider' },
      status: 'ok',
    });
  });

  it('records a streamed message with thinking, TTFT at the reasoning part', async () => {
    const h = harness();
    server.enqueue({
      thinking: { text: 'Let me think' },
      text: 'Oui',
      usage: { inputTokens: 12, outputTokens: 7 },
    });
    const result = streamText({ model: anthropicModel(h), prompt: 'Hi' });
    expect(await result.text).toBe('Oui');
    const [span] = await h.spans();
    expect(span).toMatchObject({ usage: { input: 12, output: 7 }, status: 'ok', finishReasons: ['stop'] });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('ends as aborted when the caller aborts mid-stream', async () => {
    const h = harness();
    server.enqueue({ text: 'a long answer that arrives in many chunks, slowly', chunkDelayMs: 30 });
    const controller = new AbortController();
    const result = streamText({
      model: anthropicModel(h),
      prompt: 'Hi',
      abortSignal: controller.signal,
      onError: () => {},
    });
    for await (const _ of result.textStream) {
      controller.abort();
    }
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });
});
