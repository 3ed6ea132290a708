import { generateText as generateText5, streamText as streamText5, wrapLanguageModel as wrap5 } from 'ai-v5';
import { MockLanguageModelV2, simulateReadableStream as simulate5 } from 'ai-v5/test';
import { generateText as generateText6, streamText as streamText6, wrapLanguageModel as wrap6 } from 'ai-v6';
import { MockLanguageModelV3, simulateReadableStream as simulate6 } from 'ai-v6/test';
import { describe, expect, it } from 'vitest';
import { harness, usage } from '../test/harness';
import { taplineMiddleware } from './tapline-middleware';

describe('taplineMiddleware with ai 6 (LanguageModelV3)', () => {
  it('records generateText with the detailed usage', async () => {
    const h = harness();
    const inner = new MockLanguageModelV3({
      provider: 'openai.chat',
      modelId: 'gpt-4o',
      doGenerate: {
        content: [{ type: 'text', text: 'six' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage({ noCache: 7, cacheRead: 3 }, { text: 2, reasoning: 1 }),
        response: { id: 'r6', modelId: 'gpt-4o-2024', timestamp: new Date(0) },
        warnings: [],
      },
    });
    const model = wrap6({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry, specificationVersion: 'v3' }),
    });
    expect((await generateText6({ model, prompt: 'Hi' })).text).toBe('six');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'openai.chat',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024',
      responseId: 'r6',
      finishReasons: ['stop'],
      usage: { input: 10, output: 3, total: 13, cachedInput: 3, reasoning: 1, source: 'provider' },
      status: 'ok',
    });
  });

  it('records streamText with TTFT and finish usage', async () => {
    const h = harness();
    const inner = new MockLanguageModelV3({
      doStream: {
        stream: simulate6({
          chunks: [
            { type: 'text-start', id: '1' },
            { type: 'text-delta', id: '1', delta: 'a' },
            { type: 'text-delta', id: '1', delta: 'b' },
            { type: 'text-end', id: '1' },
            {
              type: 'finish',
              usage: usage({ noCache: 4 }, { text: 2 }),
              finishReason: { unified: 'length', raw: 'max_tokens' },
            },
          ],
        }),
      },
    });
    const model = wrap6({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry, specificationVersion: 'v3' }),
    });
    const result = streamText6({ model, prompt: 'Hi' });
    expect(await result.text).toBe('ab');
    const [span] = await h.spans();
    expect(span).toMatchObject({ usage: { input: 4, output: 2 }, finishReasons: ['length'], status: 'ok' });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(h.raw.get(span?.spanId ?? '')?.outputText).toBe('ab');
  });
});

describe('taplineMiddleware with ai 5 (LanguageModelV2)', () => {
  it('records generateText with the flat usage taken as reported', async () => {
    const h = harness();
    const inner = new MockLanguageModelV2({
      provider: 'anthropic.messages',
      modelId: 'claude-3-5-haiku',
      doGenerate: {
        content: [{ type: 'text', text: 'five' }],
        finishReason: 'stop',
        usage: {
          inputTokens: 12,
          outputTokens: 6,
          totalTokens: 18,
          reasoningTokens: 2,
          cachedInputTokens: 5,
        },
        response: { id: 'r5', modelId: 'claude-3-5-haiku-latest', timestamp: new Date(0) },
        warnings: [],
      },
    });
    const model = wrap5({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry, specificationVersion: 'v2' }),
    });
    expect((await generateText5({ model, prompt: 'Hi', temperature: 0 })).text).toBe('five');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'anthropic.messages',
      responseId: 'r5',
      finishReasons: ['stop'],
      request: { temperature: 0, stream: false },
      usage: { input: 12, output: 6, total: 18, cachedInput: 5, reasoning: 2, source: 'provider' },
      status: 'ok',
    });
  });

  it('records streamText including tool calls', async () => {
    const h = harness();
    const inner = new MockLanguageModelV2({
      doStream: {
        stream: simulate5({
          chunks: [
            { type: 'tool-input-start', id: 't1', toolName: 'lookup' },
            { type: 'tool-input-delta', id: 't1', delta: '{}' },
            { type: 'tool-input-end', id: 't1' },
            { type: 'tool-call', toolCallId: 't1', toolName: 'lookup', input: '{}' },
            {
              type: 'finish',
              usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
              finishReason: 'tool-calls',
            },
          ],
        }),
      },
    });
    const model = wrap5({
      model: inner,
      middleware: taplineMiddleware({ telemetry: h.telemetry, specificationVersion: 'v2' }),
    });
    const result = streamText5({ model, prompt: 'Hi' });
    await result.consumeStream();
    const [span] = await h.spans();
    expect(span).toMatchObject({
      usage: { input: 3, output: 1, total: 4 },
      finishReasons: ['tool-calls'],
      toolCalls: { count: 1, names: ['lookup'] },
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
  });
});
