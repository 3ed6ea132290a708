import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapAnthropic } from '../src/index';
import { API_KEY, type Harness, harness } from './setup';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const base = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};
const text = 'Bonjour! This is a streamed answer from a mock Claude.';

async function drain(stream: AsyncIterable<unknown>) {
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('messages.create', () => {
  it('records a plain call with cache usage normalized (input includes cache reads and writes)', async () => {
    h.server.enqueue({
      text: 'Hi',
      usage: { inputTokens: 10, outputTokens: 3, cachedInputTokens: 100, cacheCreationInputTokens: 20 },
    });
    const message = await h.client.messages.create({ ...base, stop_sequences: ['END'], system: 'Be nice' });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hi' });
    const [span] = await h.spans();
    expect(span).toMatchObject({
      kind: 'llm',
      provider: 'local',
      operation: 'chat',
      requestModel: 'claude-sonnet-4-5',
      responseId: message.id,
      responseModel: message.model,
      request: { stopSequences: 1, maxTokens: 256 },
      usage: { input: 130, output: 3, cachedInput: 100, cacheWrite: 20, total: 133, source: 'provider' },
      finishReasons: ['end_turn'],
      status: 'ok',
      appName: 'anthropic-tests',
      sdk: { integration: 'anthropic' },
    });
  });

  it('keeps the APIPromise (withResponse) and records tools and thinking', async () => {
    h.server.enqueue({
      thinking: { text: 'Let me think' },
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const { data, response } = await h.client.messages
      .create({
        ...base,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.stop_reason).toBe('tool_use');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      toolCalls: { count: 1, names: ['get_weather'] },
      finishReasons: ['tool_use'],
      request: { toolCount: 1, reasoningEffort: 'thinking:enabled' },
    });
  });

  it('does not count twice, strips per-call options and exports no content or key by default', async () => {
    expect(wrapAnthropic(h.client, { telemetry: h.telemetry })).toBe(h.client);
    expect(h.client).toBeInstanceOf(Anthropic);
    h.server.enqueue({ text: 'secret reply' });
    const body = Object.freeze({
      ...base,
      messages: [{ role: 'user' as const, content: 'mail me at x@y.io' }],
    });
    await h.client.messages.create(body, {
      tapline: { userId: 'user-9', metadata: { plan: 'pro' } },
    } as never);
    expect(h.server.requests[0]?.rawBody).not.toContain('tapline');
    const [span] = await h.spans();
    const json = JSON.stringify(span);
    expect(span?.metadata).toMatchObject({ plan: 'pro' });
    expect(span?.content).toBeUndefined();
    for (const secret of ['x@y.io', 'secret reply', API_KEY, 'user-9']) expect(json).not.toContain(secret);
  });

  it('keeps concurrent withContext identities apart', async () => {
    h.server.enqueue({ text: 'a', latencyMs: 30 }, { text: 'b', latencyMs: 5 });
    await Promise.all(
      ['alice', 'bob'].map((who) =>
        h.telemetry.withContext({ userId: who, metadata: { who } }, () => h.client.messages.create(base)),
      ),
    );
    const spans = await h.spans();
    expect(spans.map((span) => span.metadata?.who).sort()).toEqual(['alice', 'bob']);
  });

  it('traces the client that withOptions() returns, and ends a never-awaited call by the deadline', async () => {
    const quick = h.client.withOptions({ timeout: 5_000 });
    expect(quick).toBeInstanceOf(Anthropic);
    h.server.enqueue({ text: 'derived' }, { text: 'ignored' });
    await quick.messages.create(base);
    void h.client.messages.create({ ...base, model: 'claude-haiku-4-5' });
    await new Promise((resolve) => setTimeout(resolve, 550));
    const spans = await h.spans();
    expect(spans.map((span) => [span.requestModel, span.status])).toEqual(
      expect.arrayContaining([
        ['claude-sonnet-4-5', 'ok'],
        ['claude-haiku-4-5', 'aborted'],
      ]),
    );
  });
});

describe('errors', () => {
  it.each([
    [400, Anthropic.BadRequestError, 1],
    [401, Anthropic.AuthenticationError, 1],
    [429, Anthropic.RateLimitError, 3],
    [500, Anthropic.InternalServerError, 3],
    [529, Anthropic.APIError, 3],
  ])(
    '%i: rethrows the same instance after the SDK retries, and records it',
    async (status, type, attempts) => {
      h.server.enqueue({ error: { status, retryAfterMs: 1 }, times: 5 });
      const caught = await h.client.messages.create(base).catch((error: unknown) => error);
      expect(caught).toBeInstanceOf(type);
      expect(h.server.requests).toHaveLength(attempts);
      const [span] = await h.spans();
      expect(span).toMatchObject({ status: 'error', error: { httpStatus: status } });
    },
  );
});

describe('cancellation', () => {
  it('an abort by signal ends the span as aborted and rethrows the SDK error', async () => {
    h.server.enqueue({ text: 'slow', latencyMs: 500 });
    const controller = new AbortController();
    const promise = h.client.messages.create(base, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(promise).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });
});

describe('streams', () => {
  it('stream: true returns the SDK Stream and records usage and TTFT', async () => {
    h.server.enqueue({ text, usage: { inputTokens: 7, outputTokens: 12, cachedInputTokens: 3 } });
    const stream = await h.client.messages.create({ ...base, stream: true });
    expect(stream.constructor.name).toBe('Stream');
    const events = (await drain(stream)) as { type: string }[];
    expect(events.at(-1)?.type).toBe('message_stop');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      status: 'ok',
      usage: { input: 10, output: 12, cachedInput: 3, source: 'provider' },
      finishReasons: ['end_turn'],
      request: { stream: true },
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(h.raw.get(span!.spanId)?.outputChunks?.join('')).toBe(text);
  });

  it('messages.stream() with events and finalMessage() records one span', async () => {
    h.server.enqueue({ text, usage: { inputTokens: 7, outputTokens: 12 } });
    const runner = h.client.messages.stream(base);
    let deltas = '';
    runner.on('text', (delta) => {
      deltas += delta;
    });
    const final = await runner.finalMessage();
    expect(deltas).toBe(text);
    expect(final.usage.output_tokens).toBe(12);
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ status: 'ok', usage: { output: 12, source: 'provider' } });
  });

  it('an early break ends the span as aborted with the text seen so far', async () => {
    h.server.enqueue({ text, chunkDelayMs: 2 });
    const stream = await h.client.messages.create({ ...base, stream: true });
    let n = 0;
    for await (const _ of stream) if (++n === 5) break;
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
    expect(span?.usage?.source ?? 'none').not.toBe('provider');
  });

  it('abort() on the MessageStream ends the span as aborted', async () => {
    h.server.enqueue({ text, chunkDelayMs: 5 });
    const runner = h.client.messages.stream(base);
    runner.on('text', () => runner.abort());
    await runner.done().catch(() => undefined);
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });

  it('an in-stream overloaded error is rethrown and recorded', async () => {
    h.server.enqueue({ text, streamError: { afterChunks: 3 } });
    const stream = await h.client.messages.create({ ...base, stream: true });
    const caught = await drain(stream).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(Anthropic.APIError);
    const [span] = await h.spans();
    expect(span?.status).toBe('error');
  });

  it('a stream cut by the server does not end as ok', async () => {
    h.server.enqueue({ text, cutAfterChunks: 4 });
    const stream = await h.client.messages.create({ ...base, stream: true });
    await drain(stream).catch(() => undefined);
    const [span] = await h.spans();
    expect(span?.status).not.toBe('ok');
  });

  it('a stream never read ends by the deadline', async () => {
    h.server.enqueue({ text });
    await h.client.messages.create({ ...base, stream: true });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });

  it('tee() keeps working', async () => {
    h.server.enqueue({ text });
    const stream = await h.client.messages.create({ ...base, stream: true });
    const [left, right] = stream.tee();
    const [a, b] = await Promise.all([drain(left), drain(right)]);
    expect(a).toEqual(b);
    const [span] = await h.spans();
    expect(span?.status).toBe('ok');
  });
});
