import { ChatAnthropic } from '@langchain/anthropic';
import type { AIMessageChunk } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { concat } from '@langchain/core/utils/stream';
import { ChatOpenAI } from '@langchain/openai';
import { type MockServer, startMockServer } from '@tapline/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harness, singleTree } from './harness';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'Be brief.'],
  ['human', '{question}'],
]);

function openai(fields: Record<string, unknown> = {}) {
  return new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'sk-test',
    configuration: { baseURL: server.openaiBaseURL },
    maxRetries: 0,
    temperature: 0.3,
    ...fields,
  });
}

function anthropic(fields: Record<string, unknown> = {}) {
  return new ChatAnthropic({
    model: 'claude-sonnet-4-5',
    apiKey: 'sk-ant-test',
    anthropicApiUrl: server.anthropicBaseURL,
    maxRetries: 0,
    maxTokens: 256,
    ...fields,
  });
}

describe('ChatOpenAI against the mock server', () => {
  it('invoke: provider usage with cache and reasoning details, response fields, cost', async () => {
    const h = harness();
    server.enqueue({
      text: 'Paris.',
      usage: { inputTokens: 1200, outputTokens: 40, cachedInputTokens: 1024, reasoningTokens: 16 },
    });
    const answer = await prompt
      .pipe(openai())
      .pipe(new StringOutputParser())
      .invoke({ question: 'Capital of France?' }, { callbacks: [h.handler] });
    expect(answer).toBe('Paris.');
    const spans = await h.spans();
    singleTree(spans);
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm).toMatchObject({
      name: 'ChatOpenAI',
      provider: 'openai',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      request: { temperature: 0.3 },
      finishReasons: ['stop'],
      usage: { input: 1200, output: 40, total: 1240, cachedInput: 1024, reasoning: 16, source: 'provider' },
      status: 'ok',
    });
    expect(llm.responseModel).toMatch(/^gpt-4o-mini/);
    expect(llm.responseId).toMatch(/^chatcmpl-/);
    expect(llm.cost!.total).toBeGreaterThan(0);
    expect(llm.cost!.cachedInput).toBeGreaterThan(0);
  });

  it('stream: time to first token and the usage of the final chunk', async () => {
    const h = harness();
    server.enqueue({
      text: 'one two three four',
      usage: { inputTokens: 20, outputTokens: 4 },
      chunkDelayMs: 5,
    });
    const model = openai({ streamUsage: true });
    let text = '';
    for await (const chunk of await prompt
      .pipe(model)
      .stream({ question: 'Count' }, { callbacks: [h.handler] }))
      text += String(chunk.content);
    expect(text).toBe('one two three four');
    const llm = (await h.spans()).find((span) => span.kind === 'llm')!;
    expect(llm.ttftMs).toBeGreaterThan(0);
    expect(llm.ttftMs!).toBeLessThanOrEqual(llm.durationMs);
    expect(llm.usage).toMatchObject({ input: 20, output: 4, source: 'provider' });
    expect(llm.request?.stream).toBe(true);
  });

  it('tool calls: names and count on the model span', async () => {
    const h = harness();
    server.enqueue({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const model = openai().bindTools([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather',
          parameters: { type: 'object', properties: {} },
        },
      },
    ]);
    await model.invoke('Weather in Paris?', { callbacks: [h.handler] });
    const [llm] = await h.spans();
    expect(llm).toMatchObject({
      toolCalls: { count: 1, names: ['get_weather'] },
      finishReasons: ['tool_calls'],
      request: { toolCount: 1 },
    });
  });

  it('an API error: status and HTTP status on the span, the error rethrown unchanged', async () => {
    const h = harness();
    server.enqueue({ error: { status: 429 } });
    await expect(openai().invoke('hi', { callbacks: [h.handler] })).rejects.toThrow();
    const [llm] = await h.spans();
    expect(llm).toMatchObject({ status: 'error', error: { httpStatus: 429 } });
    expect(h.handler.openRuns).toBe(0);
  });

  it('an abort mid-stream: aborted, with partial output counted', async () => {
    const h = harness();
    server.enqueue({ text: 'a b c d e f g h i j k l m n o p', chunkDelayMs: 20 });
    const controller = new AbortController();
    let chunks = 0;
    await expect(
      (async () => {
        const stream = await openai().stream('Go', { callbacks: [h.handler], signal: controller.signal });
        for await (const _ of stream) if (++chunks === 3) controller.abort();
      })(),
    ).rejects.toThrow();
    const llm = (await h.spans()).find((span) => span.kind === 'llm')!;
    expect(llm.status).toBe('aborted');
    expect(llm.usage?.output).toBeGreaterThan(0);
    expect(h.handler.openRuns).toBe(0);
  });
});

describe('ChatAnthropic against the mock server', () => {
  it('invoke: cache reads and writes inside the input total, cost', async () => {
    const h = harness();
    server.enqueue({
      text: 'Bonjour.',
      usage: { inputTokens: 100, outputTokens: 12, cachedInputTokens: 2000, cacheCreationInputTokens: 500 },
    });
    await prompt.pipe(anthropic()).invoke({ question: 'Say hi in French' }, { callbacks: [h.handler] });
    const llm = (await h.spans()).find((span) => span.kind === 'llm')!;
    expect(llm).toMatchObject({
      name: 'ChatAnthropic',
      provider: 'anthropic',
      requestModel: 'claude-sonnet-4-5',
      request: { maxTokens: 256 },
      usage: { input: 2600, output: 12, total: 2612, cachedInput: 2000, cacheWrite: 500, source: 'provider' },
      finishReasons: ['end_turn'],
    });
    expect(llm.responseId).toMatch(/^msg_/);
    expect(llm.cost!.total).toBeGreaterThan(0);
  });

  it('stream: time to first token and usage', async () => {
    const h = harness();
    server.enqueue({
      text: 'alpha beta gamma',
      usage: { inputTokens: 30, outputTokens: 3 },
      chunkDelayMs: 5,
    });
    let aggregated: AIMessageChunk | undefined;
    for await (const chunk of await anthropic().stream('Greek letters', { callbacks: [h.handler] }))
      aggregated = aggregated ? concat(aggregated, chunk) : chunk;
    expect(aggregated?.text).toBe('alpha beta gamma');
    const [llm] = await h.spans();
    expect(llm!.ttftMs).toBeGreaterThan(0);
    // The span carries exactly what LangChain reports. (@langchain/anthropic 1.5 adds message_start's
    // output_tokens to message_delta's cumulative count, so its streamed output is one token high.)
    expect(llm!.usage).toMatchObject({
      input: 30,
      output: aggregated!.usage_metadata!.output_tokens,
      source: 'provider',
    });
    expect(llm!.usage!.output).toBeGreaterThanOrEqual(3);
  });

  it('concurrent calls through one handler stay in separate traces', async () => {
    const h = harness();
    const model = anthropic();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        prompt.pipe(model).invoke({ question: `q${i}` }, { callbacks: [h.handler] }),
      ),
    );
    const spans = await h.spans();
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(8);
    expect(spans.filter((span) => span.kind === 'llm')).toHaveLength(8);
    expect(h.handler.openRuns).toBe(0);
  });
});
