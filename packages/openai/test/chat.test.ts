import OpenAI from 'openai';
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

const messages = [{ role: 'user' as const, content: 'Say hello' }];

describe('chat.completions.create', () => {
  it('records a plain call with usage, ids, finish reasons and request params', async () => {
    h.server.enqueue({ text: 'Hello!', usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 4 } });
    const result = await h.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(result.choices[0]?.message.content).toBe('Hello!');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      kind: 'llm',
      provider: 'local',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      responseId: result.id,
      responseModel: result.model,
      request: { temperature: 0.2, maxTokens: 50 },
      usage: { input: 12, output: 3, cachedInput: 4, total: 15, source: 'provider' },
      finishReasons: ['stop'],
      status: 'ok',
      appName: 'openai-tests',
      sdk: { integration: 'openai' },
    });
  });

  it('returns the SDK APIPromise: withResponse and asResponse keep working', async () => {
    h.server.enqueue({ text: 'a' }, { text: 'b' });
    const promise = h.client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(promise.constructor.name).toBe('APIPromise');
    const { data, response, request_id } = await promise.withResponse();
    expect(data.choices[0]?.message.content).toBe('a');
    expect(response.status).toBe(200);
    expect(request_id === null || typeof request_id === 'string').toBe(true);
    const raw = await h.client.chat.completions.create({ model: 'gpt-4o', messages }).asResponse();
    expect(
      ((await raw.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content,
    ).toBe('b');
    const spans = await h.spans();
    expect(spans).toHaveLength(2);
    expect(spans.every((span) => span.status === 'ok')).toBe(true);
  });

  it('records tool calls and n > 1', async () => {
    h.server.enqueue({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: { tz: 'CET' } },
      ],
    });
    await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
      ],
    });
    h.server.enqueue({ text: ['one', 'two', 'three'] });
    const multi = await h.client.chat.completions.create({ model: 'gpt-4o', messages, n: 3 });
    expect(multi.choices).toHaveLength(3);
    const [tools, n] = await h.spans();
    expect(tools).toMatchObject({
      toolCalls: { count: 2, names: ['get_weather', 'get_time'] },
      finishReasons: ['tool_calls'],
      request: { toolCount: 2 },
    });
    expect(n).toMatchObject({ finishReasons: ['stop', 'stop', 'stop'], request: { n: 3 } });
  });

  it('records parse() with structured output once', async () => {
    h.server.enqueue({ json: { answer: 4 } });
    const parsed = await h.client.chat.completions.parse({
      model: 'gpt-4o',
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'a', schema: { type: 'object', properties: { answer: { type: 'number' } } } },
      },
    });
    expect(parsed.choices[0]?.message.parsed).toEqual({ answer: 4 });
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ request: { responseFormat: 'json_schema' }, status: 'ok' });
  });

  it('leaves the original client untraced and lets a detached create keep working', async () => {
    h.server.enqueue({ text: 'raw' });
    await h.rawClient.chat.completions.create({ model: 'gpt-4o', messages });
    expect(await h.spans()).toHaveLength(0);
    expect(h.rawClient.chat.completions.create).not.toBe(h.client.chat.completions.create);
    expect(h.client.chat.completions).toBeInstanceOf(OpenAI.Chat.Completions);
    const { create } = h.client.chat.completions;
    h.server.enqueue({ text: 'detached' });
    const result = await create({ model: 'gpt-4o', messages });
    expect(result.choices[0]?.message.content).toBe('detached');
    expect(await h.spans()).toHaveLength(1);
  });

  it('does not count twice when wrapped twice; instanceof and other resources pass through', async () => {
    const twice = wrapOpenAI(h.client, { telemetry: h.telemetry });
    expect(twice).toBe(h.client);
    expect(h.client).toBeInstanceOf(OpenAI);
    expect(h.client.chat.completions).toBe(h.client.chat.completions);
    expect(h.client.baseURL).toBe(h.rawClient.baseURL);
    h.server.enqueue({ text: 'x' });
    await twice.chat.completions.create({ model: 'gpt-4o', messages });
    const models = await h.client.models.list().catch(() => undefined);
    void models;
    expect((await h.spans()).filter((span) => span.operation === 'chat')).toHaveLength(1);
  });

  it('traces the client that withOptions() returns, with its own options', async () => {
    const quick = h.client.withOptions({ timeout: 5_000, maxRetries: 0 });
    expect(quick).toBeInstanceOf(OpenAI);
    expect(quick.timeout).toBe(5_000);
    expect(quick.withOptions({ maxRetries: 1 }).maxRetries).toBe(1);
    h.server.enqueue({ text: 'derived' });
    const result = await quick.chat.completions.create({ model: 'gpt-4o', messages });
    expect(result.choices[0]?.message.content).toBe('derived');
    const [span] = await h.spans();
    expect(span).toMatchObject({ operation: 'chat', status: 'ok', usage: { source: 'provider' } });
    expect(h.rawClient.timeout).not.toBe(5_000);
  });

  it('ends the span of a call nobody awaits by the deadline; a late await still gets the result', async () => {
    h.server.enqueue({ text: 'ignored' }, { text: 'late' });
    void h.client.chat.completions.create({ model: 'gpt-4o', messages });
    const late = h.client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    await new Promise((resolve) => setTimeout(resolve, 100)); // both responses are in; neither was asked for
    expect((await late).choices[0]?.message.content).toBe('late');
    await new Promise((resolve) => setTimeout(resolve, 450));
    const spans = await h.spans();
    expect(spans.map((span) => [span.requestModel, span.status])).toEqual(
      expect.arrayContaining([
        ['gpt-4o', 'aborted'],
        ['gpt-4o-mini', 'ok'],
      ]),
    );
    expect(spans.find((span) => span.status === 'ok')?.usage?.source).toBe('provider');
  });

  it('does not change the caller params and strips per-call options', async () => {
    h.server.enqueue({ text: 'x' });
    const body = Object.freeze({ model: 'gpt-4o', messages, stream: true as const });
    const stream = await h.client.chat.completions.create(body, {
      tapline: { userId: 'user-1', sessionId: 's-1', metadata: { feature: 'faq' } },
    } as never);
    for await (const _ of stream) {
      // drain
    }
    expect(body).toEqual({ model: 'gpt-4o', messages, stream: true });
    const sent = h.server.requests[0]!;
    expect(JSON.stringify(sent.body)).not.toContain('tapline');
    expect(sent.rawBody).not.toContain('user-1');
    const [span] = await h.spans();
    expect(span?.metadata).toMatchObject({ feature: 'faq' });
    expect(span?.userIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(span?.sessionIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(JSON.stringify(span)).not.toContain('user-1');
  });

  it('uses withContext identity, and keeps concurrent calls apart', async () => {
    h.server.enqueue({ text: 'a', latencyMs: 30 }, { text: 'b', latencyMs: 5 });
    await Promise.all([
      h.telemetry.withContext({ userId: 'alice', metadata: { who: 'alice' } }, () =>
        h.client.chat.completions.create({ model: 'gpt-4o', messages }),
      ),
      h.telemetry.withContext({ userId: 'bob', metadata: { who: 'bob' } }, () =>
        h.client.chat.completions.create({ model: 'gpt-4o', messages }),
      ),
    ]);
    const spans = await h.spans();
    expect(spans.map((span) => span.metadata?.who).sort()).toEqual(['alice', 'bob']);
    expect(new Set(spans.map((span) => span.userIdHash)).size).toBe(2);
  });

  it('exports no content and no key by default', async () => {
    h.server.enqueue({ text: 'The secret answer' });
    await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'my email is a@b.co' }],
    });
    const [span] = await h.spans();
    const json = JSON.stringify(span);
    expect(span?.content).toBeUndefined();
    expect(span?.flags.contentCaptured).toBe(false);
    expect(json).not.toContain('a@b.co');
    expect(json).not.toContain('secret answer');
    expect(json).not.toContain(API_KEY);
  });
});

describe('errors', () => {
  it.each([
    [400, 'BadRequestError', 1],
    [401, 'AuthenticationError', 1],
    [429, 'RateLimitError', 3],
    [500, 'InternalServerError', 3],
  ])('%i: rethrows the same error instance and records it', async (status, name, attempts) => {
    h.server.enqueue({ error: { status, retryAfterMs: 1 }, times: 5 });
    let caught: unknown;
    const promise = h.client.chat.completions.create({ model: 'gpt-4o', messages });
    try {
      await promise;
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).constructor.name).toBe(name);
    expect(caught).toBeInstanceOf(OpenAI.APIError);
    expect(h.server.requests).toHaveLength(attempts);
    const [span] = await h.spans();
    expect(span).toMatchObject({ status: 'error', error: { httpStatus: status } });
  });

  it('succeeds after SDK retries with one span', async () => {
    h.server.enqueue({ error: { status: 429, retryAfterMs: 1 }, times: 2 }, { text: 'finally' });
    const result = await h.client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(result.choices[0]?.message.content).toBe('finally');
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status).toBe('ok');
  });

  it('records an abort by signal', async () => {
    h.server.enqueue({ text: 'slow', latencyMs: 500 });
    const controller = new AbortController();
    const promise = h.client.chat.completions.create(
      { model: 'gpt-4o', messages },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(promise).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    const [span] = await h.spans();
    expect(span).toMatchObject({ status: 'aborted', error: { type: 'APIUserAbortError' } });
  });
});

describe('content capture (opt-in)', () => {
  it('records the prompt as sent when the caller reuses and extends the messages array afterwards', async () => {
    const { createTelemetry } = await import('@tapline/core');
    const { checkedMemoryExporter } = await import('@tapline/testkit');
    const exporter = checkedMemoryExporter();
    const telemetry = createTelemetry(
      { exporter, captureContent: 'raw', flushOnExit: false, hashSecret: 'test-secret' },
      {},
    );
    const client = wrapOpenAI(new OpenAI({ apiKey: API_KEY, baseURL: h.server.openaiBaseURL }), {
      telemetry,
    });
    const conversation: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'first question' }];
    const body = { model: 'gpt-4o', messages: conversation, temperature: 0.1 };
    h.server.enqueue({ text: 'first answer' });
    await client.chat.completions.create(body);
    // the usual chat loop: the reply and the next question go onto the same array, the body is reused
    conversation.push({ role: 'assistant', content: 'first answer' }, { role: 'user', content: 'second' });
    body.temperature = 0.9;
    h.server.enqueue({ text: 'second answer' });
    await client.chat.completions.create(body);
    await telemetry.flush(2000);
    const [first, second] = exporter.spans;
    expect(first?.content?.input?.map((m) => m.content)).toEqual(['first question']);
    expect(first?.request).toMatchObject({ temperature: 0.1 });
    expect(second?.content?.input).toHaveLength(3);
    expect(second?.request).toMatchObject({ temperature: 0.9 });
    expect(first?.promptHash).not.toBe(second?.promptHash);
    await telemetry.shutdown(1000);
  });

  it('captures redacted prompt and completion when the telemetry asks for it', async () => {
    const { createTelemetry } = await import('@tapline/core');
    const { checkedMemoryExporter } = await import('@tapline/testkit');
    const exporter = checkedMemoryExporter();
    const telemetry = createTelemetry(
      { exporter, captureContent: 'redacted', flushOnExit: false, hashSecret: 'test-secret' },
      {},
    );
    const client = wrapOpenAI(new OpenAI({ apiKey: API_KEY, baseURL: h.server.openaiBaseURL }), {
      telemetry,
    });
    h.server.enqueue({ text: 'Sure, I will write to jane.doe@example.com' });
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Email jane.doe@example.com please' }],
    });
    await telemetry.flush(2000);
    const [span] = exporter.spans;
    expect(exporter.violations).toEqual([]);
    expect(span?.flags.contentCaptured).toBe(true);
    expect(span?.content?.input?.[0]?.role).toBe('user');
    expect(span?.content?.output?.[0]?.content).toContain('Sure, I will write to');
    expect(JSON.stringify(span)).not.toContain('jane.doe@example.com');
    await telemetry.shutdown(1000);
  });
});
