import {
  embed,
  generateObject,
  generateText,
  jsonSchema,
  registerTelemetry,
  stepCountIs,
  streamText,
  tool,
  wrapLanguageModel,
} from 'ai';
import { convertArrayToReadableStream, MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { harness, usage, weather } from '../test/harness';
import { taplineMiddleware } from './tapline-middleware';
import { taplineTelemetry } from './tapline-telemetry';

function toolLoopModel() {
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doGenerate: [
      {
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Oslo"}' }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: usage({ noCache: 20, cacheRead: 10 }, { text: 8 }),
        response: { id: 'r1', modelId: 'gpt-4o-1', timestamp: new Date(0) },
        warnings: [],
      },
      {
        content: [{ type: 'text', text: 'Sunny' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage({ noCache: 40 }, { text: 3, reasoning: 1 }),
        response: { id: 'r2', modelId: 'gpt-4o-1', timestamp: new Date(0) },
        warnings: [],
      },
    ],
  });
}

describe('taplineTelemetry (ai 7 telemetry integration)', () => {
  it('records the operation as the parent of each model call and tool execution', async () => {
    const h = harness();
    const result = await generateText({
      model: toolLoopModel(),
      prompt: 'Weather?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      providerOptions: { tapline: { userId: 'u-1', metadata: { feature: 'weather' } } },
      telemetry: {
        functionId: 'weather-agent',
        integrations: [taplineTelemetry({ telemetry: h.telemetry })],
      },
    });
    expect(result.text).toBe('Sunny');
    const spans = await h.spans();
    const operation = spans.find((s) => s.kind === 'chain');
    const llm = spans.filter((s) => s.kind === 'llm');
    const tools = spans.filter((s) => s.kind === 'tool');
    expect(operation).toMatchObject({ name: 'weather-agent', operation: 'ai.generateText', status: 'ok' });
    expect(operation?.usage).toBeUndefined();
    expect(operation?.metadata).toMatchObject({ feature: 'weather' });
    expect(operation?.userIdHash).toBeDefined();
    expect(llm).toHaveLength(2);
    expect(llm[0]).toMatchObject({
      parentSpanId: operation?.spanId,
      responseId: 'r1',
      usage: { input: 30, output: 8, cachedInput: 10 },
      toolCalls: { count: 1, names: ['weather'] },
      finishReasons: ['tool-calls'],
    });
    expect(llm[1]).toMatchObject({ usage: { input: 40, output: 4, reasoning: 1 }, finishReasons: ['stop'] });
    expect(llm[0]?.userIdHash).toBe(operation?.userIdHash);
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: 'weather', parentSpanId: operation?.spanId, status: 'ok' });
  });

  it('with the middleware too, counts each model call once and keeps the middleware detail', async () => {
    const h = harness();
    const model = wrapLanguageModel({
      model: toolLoopModel(),
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    await generateText({
      model,
      prompt: 'Weather?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      telemetry: { integrations: [taplineTelemetry({ telemetry: h.telemetry })] },
    });
    const spans = await h.spans();
    const operation = spans.find((s) => s.kind === 'chain');
    const llm = spans.filter((s) => s.kind === 'llm');
    expect(llm).toHaveLength(2);
    for (const s of llm) expect(s.parentSpanId).toBe(operation?.spanId);
    expect(llm[0]).toMatchObject({ responseModel: 'gpt-4o-1', request: { stream: false, toolCount: 1 } });
    const total = llm.reduce((sum, s) => sum + (s.usage?.total ?? 0), 0);
    expect(total).toBe(30 + 8 + 40 + 4);
    expect(operation?.usage).toBeUndefined();
  });

  it('records TTFT for a streamed operation from the SDK’s own measurement when used alone', async () => {
    const h = harness();
    const model = new MockLanguageModelV4({
      doStream: {
        stream: convertArrayToReadableStream([
          { type: 'text-start', id: '1' },
          { type: 'text-delta', id: '1', delta: 'Hi' },
          { type: 'text-end', id: '1' },
          {
            type: 'finish',
            usage: usage({ noCache: 3 }, { text: 1 }),
            finishReason: { unified: 'stop', raw: 'stop' },
          },
        ]),
      },
    });
    const result = streamText({
      model,
      prompt: 'Hi',
      telemetry: { integrations: [taplineTelemetry({ telemetry: h.telemetry })] },
    });
    expect(await result.text).toBe('Hi');
    const spans = await h.spans();
    const llm = spans.filter((s) => s.kind === 'llm');
    expect(llm).toHaveLength(1);
    expect(llm[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(llm[0]?.ttftMs).toBeLessThanOrEqual(llm[0]?.durationMs ?? 0);
  });

  it('records a streamed operation with the middleware providing TTFT', async () => {
    const h = harness();
    const inner = new MockLanguageModelV4({
      doStream: {
        stream: convertArrayToReadableStream([
          { type: 'text-start', id: '1' },
          { type: 'text-delta', id: '1', delta: 'Hi' },
          { type: 'text-end', id: '1' },
          {
            type: 'finish',
            usage: usage({ noCache: 3 }, { text: 1 }),
            finishReason: { unified: 'stop', raw: 'stop' },
          },
        ]),
      },
    });
    const model = wrapLanguageModel({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry }),
    });
    const result = streamText({
      model,
      prompt: 'Hi',
      telemetry: { integrations: [taplineTelemetry({ telemetry: h.telemetry })] },
    });
    expect(await result.text).toBe('Hi');
    const spans = await h.spans();
    const llm = spans.filter((s) => s.kind === 'llm');
    expect(llm).toHaveLength(1);
    expect(llm[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(llm[0]?.request?.stream).toBe(true);
    expect(spans.find((s) => s.kind === 'chain')).toMatchObject({ operation: 'ai.streamText', status: 'ok' });
  });

  it('nests a generateText made inside a tool under the tool span', async () => {
    const h = harness();
    const integrations = [taplineTelemetry({ telemetry: h.telemetry })];
    const inner = new MockLanguageModelV4({
      doGenerate: {
        content: [{ type: 'text', text: 'inner' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage({ noCache: 1 }, { text: 1 }),
        warnings: [],
      },
    });
    const outer = new MockLanguageModelV4({
      doGenerate: [
        {
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'ask', input: '{}' }],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          usage: usage({ noCache: 2 }, { text: 2 }),
          warnings: [],
        },
        {
          content: [{ type: 'text', text: 'done' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: usage({ noCache: 3 }, { text: 1 }),
          warnings: [],
        },
      ],
    });
    const ask = tool({
      inputSchema: jsonSchema<Record<string, never>>({ type: 'object', properties: {} }),
      execute: async () =>
        (await generateText({ model: inner, prompt: 'q', telemetry: { integrations } })).text,
    });
    await generateText({
      model: outer,
      prompt: 'go',
      tools: { ask },
      stopWhen: stepCountIs(3),
      telemetry: { integrations },
    });
    const spans = await h.spans();
    const toolSpan = spans.find((s) => s.kind === 'tool');
    const chains = spans.filter((s) => s.kind === 'chain');
    expect(chains).toHaveLength(2);
    const nested = chains.find((s) => s.parentSpanId === toolSpan?.spanId);
    expect(nested).toBeDefined();
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  });

  it('records a failing operation as an error on the operation and the model call', async () => {
    const h = harness();
    const failure = new Error('bad gateway');
    const inner = new MockLanguageModelV4({
      doGenerate: async () => {
        throw failure;
      },
    });
    const error = await generateText({
      model: inner,
      prompt: 'Hi',
      maxRetries: 0,
      telemetry: { integrations: [taplineTelemetry({ telemetry: h.telemetry })] },
    }).catch((e: unknown) => e);
    expect(error).toBe(failure);
    const spans = await h.spans();
    expect(spans.map((s) => [s.kind, s.status]).sort()).toEqual([
      ['chain', 'error'],
      ['llm', 'error'],
    ]);
  });

  it('works registered globally, beside the SDK telemetry being enabled', async () => {
    const h = harness();
    registerTelemetry(taplineTelemetry({ telemetry: h.telemetry }));
    try {
      const model = wrapLanguageModel({
        model: toolLoopModel(),
        middleware: taplineMiddleware({ telemetry: h.telemetry }),
      });
      await generateText({
        model,
        prompt: 'Weather?',
        tools: { weather },
        stopWhen: stepCountIs(3),
        experimental_telemetry: { isEnabled: true, functionId: 'global' },
      });
    } finally {
      (globalThis as { AI_SDK_TELEMETRY_INTEGRATIONS?: unknown[] }).AI_SDK_TELEMETRY_INTEGRATIONS = [];
    }
    const spans = await h.spans();
    expect(spans.filter((s) => s.kind === 'llm')).toHaveLength(2);
    expect(spans.filter((s) => s.kind === 'tool')).toHaveLength(1);
    expect(spans.find((s) => s.kind === 'chain')?.name).toBe('global');
  });

  it('records generateObject as an operation span and leaves embeddings to the embedding middleware', async () => {
    const h = harness();
    const integrations = [taplineTelemetry({ telemetry: h.telemetry })];
    const inner = new MockLanguageModelV4({
      doGenerate: {
        content: [{ type: 'text', text: '{"ok":true}' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage({ noCache: 2 }, { text: 2 }),
        warnings: [],
      },
    });
    const { object } = await generateObject({
      model: inner,
      schema: jsonSchema<{ ok: boolean }>({ type: 'object', properties: { ok: { type: 'boolean' } } }),
      prompt: 'ok?',
      telemetry: { integrations },
    });
    expect(object).toEqual({ ok: true });
    const embedder = new MockEmbeddingModelV4({
      doEmbed: async ({ values }) => ({ embeddings: values.map(() => [1]), warnings: [] }),
    });
    await embed({ model: embedder, value: 'x', telemetry: { integrations } });
    const spans = await h.spans();
    expect(spans.map((s) => [s.kind, s.operation, s.status])).toEqual([['chain', 'ai.generateObject', 'ok']]);
    expect(h.errors).toEqual([]);
  });
});
