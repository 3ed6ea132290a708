import { generateObject, generateText, jsonSchema, stepCountIs, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { harness, usage, weather } from '../test/harness';
import { taplineMiddleware } from './tapline-middleware';

const finish = (u = usage({ noCache: 10 }, { text: 5 })) => ({
  type: 'finish' as const,
  usage: u,
  finishReason: { unified: 'stop' as const, raw: 'stop' },
});

function generateModel(overrides: ConstructorParameters<typeof MockLanguageModelV4>[0] = {}) {
  return new MockLanguageModelV4({
    provider: 'openai.responses',
    modelId: 'gpt-4o-mini',
    doGenerate: {
      content: [{ type: 'text', text: 'Hello there' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usage({ noCache: 80, cacheRead: 15, cacheWrite: 5 }, { text: 30, reasoning: 12 }),
      response: { id: 'resp_1', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date(0) },
      warnings: [{ type: 'other', message: 'x' }],
    },
    ...overrides,
  });
}

describe('taplineMiddleware with ai 7', () => {
  it('records a generateText call with detailed usage, response and settings', async () => {
    const h = harness();
    const model = wrapLanguageModel({
      model: generateModel(),
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = await generateText({
      model,
      prompt: 'Hi',
      temperature: 0.3,
      maxOutputTokens: 100,
      topP: 0.9,
      seed: 7,
    });
    expect(result.text).toBe('Hello there');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      kind: 'llm',
      name: 'chat gpt-4o-mini',
      provider: 'openai.responses',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: 'resp_1',
      finishReasons: ['stop'],
      status: 'ok',
      request: { temperature: 0.3, maxTokens: 100, topP: 0.9, seed: 7, stream: false },
      usage: {
        input: 100,
        output: 42,
        total: 142,
        cachedInput: 15,
        cacheWrite: 5,
        reasoning: 12,
        source: 'provider',
      },
      metadata: { warnings: 1 },
      sdk: { integration: 'vercel-ai' },
    });
    expect(span?.ttftMs).toBeUndefined();
    expect(h.errors).toEqual([]);
  });

  it('records a streamed call with TTFT at the first text part, passing every part through', async () => {
    const h = harness();
    const parts = [
      { type: 'stream-start' as const, warnings: [] },
      { type: 'response-metadata' as const, id: 'resp_s', modelId: 'gpt-4o-mini-x' },
      { type: 'text-start' as const, id: '1' },
      { type: 'text-delta' as const, id: '1', delta: 'Hel' },
      { type: 'text-delta' as const, id: '1', delta: 'lo' },
      { type: 'text-end' as const, id: '1' },
      finish(usage({ noCache: 10, cacheRead: 4 }, { text: 2 })),
    ];
    const inner = new MockLanguageModelV4({
      provider: 'anthropic.messages',
      modelId: 'claude-x',
      doStream: { stream: convertArrayToReadableStream(parts) },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const seen: string[] = [];
    const result = streamText({ model, prompt: 'Hi', includeRawChunks: false });
    for await (const part of result.fullStream) seen.push(part.type);
    expect(await result.text).toBe('Hello');
    expect(seen).toContain('text-delta');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'anthropic.messages',
      responseId: 'resp_s',
      responseModel: 'gpt-4o-mini-x',
      request: { stream: true },
      usage: { input: 14, output: 2, total: 16, cachedInput: 4, source: 'provider' },
      finishReasons: ['stop'],
      status: 'ok',
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('records each step of a tool loop as its own span with its own usage', async () => {
    const h = harness();
    const inner = new MockLanguageModelV4({
      doGenerate: [
        {
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Oslo"}' }],
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
          usage: usage({ noCache: 20 }, { text: 8 }),
          warnings: [],
        },
        {
          content: [{ type: 'text', text: 'Sunny' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: usage({ noCache: 40 }, { text: 3 }),
          warnings: [],
        },
      ],
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = await h.telemetry.span('weather-agent', () =>
      generateText({
        model,
        prompt: 'Weather in Oslo?',
        stopWhen: stepCountIs(3),
        tools: { weather },
      }),
    );
    expect(result.text).toBe('Sunny');
    const spans = await h.spans();
    const llm = spans.filter((s) => s.kind === 'llm');
    const parent = spans.find((s) => s.name === 'weather-agent');
    expect(llm).toHaveLength(2);
    expect(llm[0]).toMatchObject({
      finishReasons: ['tool-calls'],
      toolCalls: { count: 1, names: ['weather'] },
      usage: { input: 20, output: 8 },
      request: { toolCount: 1, toolChoice: 'auto' },
    });
    expect(llm[1]).toMatchObject({ finishReasons: ['stop'], usage: { input: 40, output: 3 } });
    for (const s of llm) expect(s.parentSpanId).toBe(parent?.spanId);
    expect(parent?.usage).toBeUndefined();
  });

  it('records structured output requests', async () => {
    const h = harness();
    const inner = generateModel({
      doGenerate: {
        content: [{ type: 'text', text: '{"name":"Ada"}' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage({ noCache: 9 }, { text: 4 }),
        warnings: [],
      },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const { object } = await generateObject({
      model,
      schema: jsonSchema<{ name: string }>({
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      }),
      prompt: 'Name?',
    });
    expect(object).toEqual({ name: 'Ada' });
    const [span] = await h.spans();
    expect(span).toMatchObject({ request: { responseFormat: 'json' }, usage: { input: 9, output: 4 } });
  });

  it('takes identity and metadata from providerOptions.tapline and from withContext', async () => {
    const h = harness();
    const model = wrapLanguageModel({
      model: generateModel(),
      middleware: taplineMiddleware({ telemetry: h.telemetry, metadata: { app: 'a' } }),
    });
    await generateText({
      model,
      prompt: 'Hi',
      providerOptions: { tapline: { userId: 'u1', sessionId: 's1', metadata: { feature: 'chat' } } },
    });
    await h.telemetry.withContext({ userId: 'u2', metadata: { tenant: 't' } }, () =>
      generateText({ model, prompt: 'Hi' }),
    );
    const [first, second] = await h.spans();
    expect(first?.userIdHash).toMatch(/\w{16,}/);
    expect(first?.sessionIdHash).toMatch(/\w{16,}/);
    expect(first?.metadata).toMatchObject({ app: 'a', feature: 'chat' });
    expect(second?.userIdHash).toMatch(/\w{16,}/);
    expect(second?.userIdHash).not.toBe(first?.userIdHash);
    expect(second?.metadata).toMatchObject({ app: 'a', tenant: 't' });
  });

  it('records a thrown provider error and rethrows it unchanged', async () => {
    const h = harness();
    const failure = Object.assign(new Error('rate limited'), { name: 'AI_APICallError', statusCode: 429 });
    const inner = generateModel({
      doGenerate: async () => {
        throw failure;
      },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const error = await generateText({ model, prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toBe(failure);
    const [span] = await h.spans();
    expect(span?.status).toBe('error');
    expect(span?.error?.type).toBeDefined();
  });

  it('records error parts in a stream as an error with what was seen', async () => {
    const h = harness();
    const inner = new MockLanguageModelV4({
      doStream: {
        stream: convertArrayToReadableStream([
          { type: 'text-delta', id: '1', delta: 'Par' },
          { type: 'error', error: new Error('overloaded') },
          finish(),
        ]),
      },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = streamText({ model, prompt: 'Hi', onError: () => {} });
    await result.consumeStream();
    const [span] = await h.spans();
    expect(span).toMatchObject({ status: 'error', usage: { input: 10, output: 5 } });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('ends the span as aborted when the abort signal fires mid-stream', async () => {
    const h = harness();
    const controller = new AbortController();
    const inner = new MockLanguageModelV4({
      doStream: async ({ abortSignal }) => ({
        stream: new ReadableStream({
          start(c) {
            c.enqueue({ type: 'text-delta', id: '1', delta: 'Hi' });
            abortSignal?.addEventListener('abort', () => c.error(abortSignal.reason));
          },
        }),
      }),
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = streamText({ model, prompt: 'Hi', abortSignal: controller.signal, onError: () => {} });
    const iterator = result.textStream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe('Hi');
    controller.abort();
    await Promise.resolve(result.consumeStream()).catch(() => {});
    await iterator.return?.();
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('ends the span as aborted when the consumer cancels the stream', async () => {
    const h = harness();
    const inner = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream({
          pull(c) {
            c.enqueue({ type: 'text-delta', id: '1', delta: 'x' });
          },
        }),
      }),
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    const reader = result.stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel('enough');
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });

  it('leaves usage for token counting when the provider reports none', async () => {
    const h = harness();
    const inner = generateModel({
      doGenerate: {
        content: [{ type: 'text', text: 'Hi' }],
        finishReason: { unified: 'stop', raw: undefined },
        usage: {
          inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: undefined, text: undefined, reasoning: undefined },
        },
        warnings: [],
      },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    await generateText({ model, prompt: 'Hi' });
    const [span] = await h.spans();
    expect(span?.status).toBe('ok');
    expect(span?.usage?.source).toBe('tokenizer');
    expect(span?.usage?.input).toBeGreaterThan(0);
  });

  it('captures prompt and content parts when capture is on', async () => {
    const h = harness({ captureContent: 'raw' });
    const inner = generateModel({ supportedUrls: { 'image/*': [/^https:\/\//] } });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    await generateText({
      model,
      system: 'Be brief.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: new URL('https://example.com/cat.png'), mediaType: 'image/png' },
          ],
        },
      ],
    });
    const [span] = await h.spans();
    expect(span?.flags.contentCaptured).toBe(true);
    expect(span?.content?.input?.[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(span?.content?.input?.[1]?.content).toContain('What is this?');
    expect(span?.content?.input?.[1]?.content).toContain('[image image/png https://example.com/cat.png]');
    expect(span?.content?.output?.[0]).toEqual({ role: 'assistant', content: 'Hello there' });
  });

  it('redacts captured content through the privacy stage', async () => {
    const h = harness({ captureContent: 'redacted' });
    const model = wrapLanguageModel({
      model: generateModel(),
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    await generateText({ model, prompt: 'Mail me at jane.doe@example.com please' });
    const [span] = await h.spans();
    expect(span?.content?.mode).toBe('redacted');
    expect(JSON.stringify(span?.content)).not.toContain('jane.doe@example.com');
    expect(span?.flags.piiDetected).toBe(true);
  });

  it('does nothing when telemetry is disabled', async () => {
    const h = harness({ enabled: false });
    const model = wrapLanguageModel({
      model: generateModel(),
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = await generateText({ model, prompt: 'Hi' });
    expect(result.text).toBe('Hello there');
    expect(await h.spans()).toHaveLength(0);
  });
});
