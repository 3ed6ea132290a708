import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from './setup';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const messages = [{ role: 'user' as const, content: 'Tell me a story' }];
const text = 'Once upon a time there was a tiny model that streamed its tokens.';

function streamed(spanId: string): string | undefined {
  return h.raw.get(spanId)?.outputChunks?.join('');
}

async function drain(stream: AsyncIterable<unknown>) {
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('streamed chat completions', () => {
  it('asks for usage, hides the usage-only chunk and records exact usage and TTFT', async () => {
    h.server.enqueue({ text, usage: { inputTokens: 9, outputTokens: 14 } });
    const rawServer = h.server;
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    expect(stream).toBeInstanceOf((await import('openai/streaming')).Stream);
    const chunks = (await drain(stream)) as OpenAI.ChatCompletionChunk[];
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(text);
    expect(rawServer.requests[0]?.body?.stream_options).toEqual({ include_usage: true });
    const [span] = await h.spans();
    expect(span).toMatchObject({
      status: 'ok',
      request: { stream: true },
      usage: { input: 9, output: 14, source: 'provider' },
      finishReasons: ['stop'],
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(span?.ttftMs).toBeLessThanOrEqual(span!.durationMs);
  });

  it('passes the usage chunk through when the caller asked for it', async () => {
    h.server.enqueue({ text, usage: { inputTokens: 9, outputTokens: 14 } });
    const stream = await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = (await drain(stream)) as OpenAI.ChatCompletionChunk[];
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(14);
    const [span] = await h.spans();
    expect(span?.usage).toMatchObject({ input: 9, output: 14, source: 'provider' });
  });

  it('with streamUsage: false leaves the request alone and counts with the tokenizer', async () => {
    await h.close();
    h = await harness({ streamUsage: false });
    h.server.enqueue({ text });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    await drain(stream);
    expect(h.server.requests[0]?.body?.stream_options).toBeUndefined();
    const [span] = await h.spans();
    expect(span?.status).toBe('ok');
    expect(span?.usage?.source ?? 'none').not.toBe('provider');
    expect(streamed(span!.spanId)).toBe(text);
  });

  it('an early break ends the span as aborted with the tokens seen so far', async () => {
    h.server.enqueue({ text, chunkDelayMs: 2 });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    let n = 0;
    for await (const _ of stream) {
      if (++n === 3) break;
    }
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
    expect(span?.usage?.source ?? 'none').not.toBe('provider');
    expect(text.startsWith(streamed(span!.spanId)!)).toBe(true);
    expect(streamed(span!.spanId)!.length).toBeGreaterThan(0);
  });

  it('controller.abort() ends the span as aborted', async () => {
    h.server.enqueue({ text, chunkDelayMs: 5 });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    let n = 0;
    for await (const _ of stream) {
      if (++n === 2) stream.controller.abort();
    }
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });

  it('a stream cut by the server ends the span with an error; the caller sees the SDK error', async () => {
    h.server.enqueue({ text, cutAfterChunks: 3 });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    let caught: unknown;
    try {
      await drain(stream);
    } catch (error) {
      caught = error;
    }
    const [span] = await h.spans();
    if (caught) expect(span?.status).toBe('error');
    else expect(span?.status).not.toBe('ok');
  });

  it('an in-stream error event is rethrown as the same instance and recorded', async () => {
    h.server.enqueue({ text, streamError: { afterChunks: 2, message: 'boom' } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    let caught: unknown;
    try {
      await drain(stream);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OpenAI.APIError);
    const [span] = await h.spans();
    expect(span?.status).toBe('error');
  });

  it('a stream that is never read ends by the deadline', async () => {
    h.server.enqueue({ text });
    await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const [span] = await h.spans();
    expect(span?.status).toBe('aborted');
  });

  it('tee() and toReadableStream() keep working', async () => {
    h.server.enqueue({ text }, { text });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const [left, right] = stream.tee();
    const [a, b] = await Promise.all([drain(left), drain(right)]);
    expect(a).toEqual(b);
    const second = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const reader = second.toReadableStream().getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
    expect(bytes).toBeGreaterThan(0);
    const spans = await h.spans();
    expect(spans.map((span) => span.status)).toEqual(['ok', 'ok']);
    expect(spans.every((span) => span.usage?.source === 'provider')).toBe(true);
  });

  it('the stream helper records one span with events and finalChatCompletion()', async () => {
    h.server.enqueue({ text, usage: { inputTokens: 9, outputTokens: 14 } });
    const runner = h.client.chat.completions.stream({ model: 'gpt-4o', messages });
    let deltas = '';
    runner.on('content', (delta) => {
      deltas += delta;
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(text);
    expect(deltas).toBe(text);
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ status: 'ok', usage: { output: 14, source: 'provider' } });
  });

  it('streamed tool calls are counted', async () => {
    h.server.enqueue({ toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] });
    const stream = await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    await drain(stream);
    const [span] = await h.spans();
    expect(span).toMatchObject({ toolCalls: { count: 1, names: ['lookup'] }, finishReasons: ['tool_calls'] });
  });
});
