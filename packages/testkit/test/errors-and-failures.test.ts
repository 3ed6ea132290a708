import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index';

let server: MockServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  server = await startMockServer();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const message = {
  model: 'claude-haiku-4-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('OpenAI error statuses', () => {
  it.each([
    [400, OpenAI.BadRequestError, 'invalid_request_error'],
    [401, OpenAI.AuthenticationError, 'invalid_request_error'],
    [429, OpenAI.RateLimitError, 'requests'],
    [500, OpenAI.InternalServerError, 'server_error'],
  ])('maps %i to the SDK error class with the real body shape', async (status, ErrorClass, type) => {
    server.enqueue({ error: { status, retryAfterSeconds: 1 } });
    const error = await openai.chat.completions.create(chat).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(status);
    expect(apiError.type).toBe(type);
    expect(apiError.requestID).toMatch(/^req_/);
    expect(apiError.headers?.get('retry-after')).toBe('1');
    if (status === 429) expect(apiError.code).toBe('rate_limit_exceeded');
    if (status === 401) expect(apiError.code).toBe('invalid_api_key');
  });

  it('answers unknown routes with a 404 NotFoundError', async () => {
    const error = await openai.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('Anthropic error statuses', () => {
  it.each([
    [400, Anthropic.BadRequestError, 'invalid_request_error'],
    [401, Anthropic.AuthenticationError, 'authentication_error'],
    [429, Anthropic.RateLimitError, 'rate_limit_error'],
    [500, Anthropic.InternalServerError, 'api_error'],
    [529, Anthropic.InternalServerError, 'overloaded_error'],
  ])('maps %i to the SDK error class with the real body shape', async (status, ErrorClass, type) => {
    server.enqueue({ error: { status } });
    const error = await anthropic.messages.create(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(status);
    expect(apiError.type).toBe(type);
    expect(apiError.requestID).toMatch(/^req_011C/);
    expect(apiError.error).toMatchObject({ type: 'error', error: { type }, request_id: apiError.requestID });
  });

  it('uses OverloadedError for 529', async () => {
    server.enqueue({ error: { status: 529 } });
    await expect(anthropic.messages.create(message)).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });
});

describe('SDK retries', () => {
  it('openai retries a 429 twice, honouring retry-after-ms, with x-stainless-retry-count', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 2 });
    server.enqueue({ error: { status: 429, retryAfterMs: 5 }, times: 2 }, { text: 'third time lucky' });
    const completion = await client.chat.completions.create(chat);
    expect(completion.choices[0]?.message.content).toBe('third time lucky');
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual([
      '0',
      '1',
      '2',
    ]);
    // every attempt resends the identical body; openai v7 sends no idempotency-key header
    expect(new Set(server.requests.map((request) => request.rawBody)).size).toBe(1);
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('openai gives up after maxRetries and surfaces the last error', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 1 });
    server.enqueue({ error: { status: 500, retryAfterMs: 1 }, times: 3 });
    await expect(client.chat.completions.create(chat)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(server.requests).toHaveLength(2);
    expect(server.pending).toBe(1);
  });

  it('openai does not retry a 400', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 2 });
    server.enqueue({ error: { status: 400 } });
    await expect(client.chat.completions.create(chat)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('anthropic retries 529 overloaded twice then succeeds (retry-after in seconds)', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 2 });
    server.enqueue({ error: { status: 529, retryAfterSeconds: 0.01 }, times: 2 }, { text: 'ok now' });
    const result = await client.messages.create(message);
    expect(result.content).toEqual([{ type: 'text', text: 'ok now' }]);
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual([
      '0',
      '1',
      '2',
    ]);
  });

  it('anthropic retries a streaming request that failed before the stream started', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 1 });
    server.enqueue({ error: { status: 429, retryAfterMs: 1 } }, { text: 'streamed after retry' });
    const final = await client.messages.stream(message).finalText();
    expect(final).toBe('streamed after retry');
    expect(server.requests).toHaveLength(2);
  });
});

describe('mid-stream failures', () => {
  it('openai chat stream cut after 3 chunks: iteration rejects after yielding them', async () => {
    server.enqueue({ text: 'one two three four five', cutAfterChunks: 3 });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const received: string[] = [];
    const iterate = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(iterate()).rejects.toThrow();
    expect(received).toEqual(['', 'one', ' two']);
  });

  it('openai stream helper rejects finalChatCompletion on a cut stream', async () => {
    server.enqueue({ text: 'one two three four five', cutAfterChunks: 2 });
    await expect(openai.chat.completions.stream(chat).finalChatCompletion()).rejects.toThrow();
  });

  it('openai responses stream cut mid-way rejects', async () => {
    server.enqueue({ text: 'one two three', cutAfterChunks: 4 });
    await expect(
      openai.responses.stream({ model: 'gpt-4o-mini', input: 'hi' }).finalResponse(),
    ).rejects.toThrow();
  });

  it('openai in-stream error payload becomes an APIError', async () => {
    server.enqueue({ text: 'one two three', streamError: { afterChunks: 2, message: 'boom' } });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const iterate = async () => {
      for await (const _chunk of stream) {
        // consume
      }
    };
    await expect(iterate()).rejects.toThrow(/boom/);
  });

  it('anthropic stream cut mid-way: messages.stream() rejects', async () => {
    server.enqueue({ text: 'one two three four', cutAfterChunks: 4 });
    const stream = anthropic.messages.stream(message);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(deltas).toEqual(['one']);
  });

  it('anthropic in-stream error event rejects with the overloaded_error type', async () => {
    server.enqueue({ text: 'one two three', streamError: { afterChunks: 3 } });
    const stream = await anthropic.messages.create({ ...message, stream: true });
    const types: string[] = [];
    const iterate = async () => {
      for await (const event of stream) types.push(event.type);
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
    expect(types).toEqual(['message_start', 'content_block_start']);
  });

  it('close() does not hang on a stream that is still being written', async () => {
    const local = await startMockServer({ chunkDelayMs: 200 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: local.openaiBaseURL, maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...chat, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const started = performance.now();
    await local.close();
    await local.close();
    expect(performance.now() - started).toBeLessThan(150);
    await expect(iterator.next()).rejects.toThrow();
  });
});

describe('latency', () => {
  it('delays the response by latencyMs', async () => {
    server.enqueue({ latencyMs: 60 });
    const started = performance.now();
    await openai.chat.completions.create(chat);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
