import { eventStreamToSSEResponse } from '@anthropic-ai/bedrock-sdk/core/streaming';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './mock-server';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('startMockServer', () => {
  it('listens on 127.0.0.1 with a random port and exposes the base URLs', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.openaiBaseURL).toBe(`${server.url}/v1`);
    expect(server.anthropicBaseURL).toBe(server.url);
  });

  it('records method, path, query, lower-cased headers and the parsed body', async () => {
    await post(
      '/v1/chat/completions?api-version=1',
      { model: 'gpt-4o', messages: [] },
      { 'X-Custom': 'yes' },
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      url: '/v1/chat/completions?api-version=1',
      body: { model: 'gpt-4o', messages: [] },
    });
    expect(server.requests[0]?.headers['x-custom']).toBe('yes');
  });

  it('hands scripted replies out in FIFO order, honouring times and path', async () => {
    server.enqueue(
      { path: '/v1/messages', text: 'for anthropic' },
      { text: 'first', times: 2 },
      { text: 'last' },
    );
    expect(server.pending).toBe(4);
    const contents: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post('/v1/chat/completions', { model: 'gpt-4o', messages: [] });
      const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
      contents.push(body.choices[0]!.message.content);
    }
    expect(contents).toEqual(['first', 'first', 'last']);
    const anthropic = (await (await post('/v1/messages', { model: 'm', messages: [] })).json()) as {
      content: Array<{ text: string }>;
    };
    expect(anthropic.content[0]?.text).toBe('for anthropic');
    expect(server.pending).toBe(0);
    expect(server.requests[0]?.scripted?.text).toBe('first');
  });

  it('sends rawBody and rawEvents verbatim', async () => {
    server.enqueue(
      { rawBody: { hello: 'world' }, status: 202, headers: { 'x-extra': '1' } },
      { rawEvents: [{ event: 'custom', data: { a: 1 } }, { data: '[DONE]' }] },
    );
    const json = await post('/v1/chat/completions', {});
    expect(json.status).toBe(202);
    expect(json.headers.get('x-extra')).toBe('1');
    expect(await json.json()).toEqual({ hello: 'world' });
    const sse = await post('/v1/chat/completions', {});
    expect(sse.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await sse.text()).toBe('event: custom\ndata: {"a":1}\n\ndata: [DONE]\n\n');
  });

  it('writes OpenAI SSE as data-only lines ending with [DONE]', async () => {
    const response = await post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [], stream: true });
    const text = await response.text();
    expect(text.startsWith('data: {"id":"chatcmpl-')).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).not.toContain('event:');
  });

  it('answers Anthropic on Vertex and Bedrock with the model from the path', async () => {
    const body = { anthropic_version: 'vertex-2023-10-16', max_tokens: 16, messages: [] };
    const vertex = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-haiku-4-5';
    const plain = (await (await post(`${vertex}:rawPredict`, body)).json()) as {
      model: string;
      type: string;
    };
    expect(plain).toMatchObject({ type: 'message', model: expect.stringContaining('claude-haiku-4-5') });
    const streamed = await (await post(`${vertex}:streamRawPredict`, { ...body, stream: true })).text();
    expect(streamed).toContain('event: message_start');
    const bedrock = await post('/model/claude-sonnet-4-5/invoke', body);
    expect(((await bedrock.json()) as { model: string }).model).toContain('claude-sonnet-4-5');
    expect((await post('/model/claude-sonnet-4-5/invoke-stream', body)).status).toBe(404);
  });

  it('streams Anthropic on Bedrock as AWS event-stream chunks of the /v1/messages events', async () => {
    server.enqueue({ text: 'one two three', id: 'msg_same' }, { text: 'one two three', id: 'msg_same' });
    // the Bedrock body carries neither model nor stream: the path says both (an ARN's slashes are escaped)
    const model =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-v1:0';
    const path = `/model/${encodeURIComponent(model)}/invoke-with-response-stream`;
    const response = await post(path, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 16,
      messages: [],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const bedrockSse = await eventStreamToSSEResponse(response).text();
    const direct = await (
      await post('/v1/messages', { model, max_tokens: 16, messages: [], stream: true })
    ).text();
    expect(bedrockSse).toBe(direct);
    expect(bedrockSse).toContain(`"model":${JSON.stringify(model)}`);
  });

  it('honours chunk delay, cuts and stream errors on Bedrock streams', async () => {
    const path = '/model/anthropic.claude-haiku-4-5-v1:0/invoke-with-response-stream';
    const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 16, messages: [] };
    server.enqueue(
      { text: 'a b', chunkDelayMs: 10 },
      { text: 'a b c d', cutAfterChunks: 3 },
      { text: 'a b c d', streamError: { afterChunks: 2, type: 'throttlingException', message: 'slow down' } },
    );
    const started = performance.now();
    const delayed = await eventStreamToSSEResponse(await post(path, body)).text();
    // message_start, block start, ping, 2 deltas, block stop, message_delta, message_stop: 7 gaps of 10 ms
    expect(delayed.match(/^event: /gm)).toHaveLength(8);
    expect(performance.now() - started).toBeGreaterThanOrEqual(65);

    const cut = eventStreamToSSEResponse(await post(path, body)).body!.getReader();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await cut.read();
        if (done) return undefined;
        received += new TextDecoder().decode(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received.match(/^event: (\S+)$/gm)).toEqual([
      'event: message_start',
      'event: content_block_start',
      'event: ping',
    ]);

    const errored = await eventStreamToSSEResponse(await post(path, body)).text();
    expect(errored.match(/^event: (\S+)$/gm)).toEqual([
      'event: message_start',
      'event: content_block_start',
      'event: error',
    ]);
    expect(errored).toContain(
      '{"type":"error","error":{"type":"throttlingException","message":"slow down"}}',
    );
  });

  it('writes Anthropic SSE with event names and a ping', async () => {
    server.enqueue({ text: 'one two three' });
    const response = await post('/v1/messages', { model: 'claude-haiku-4-5', messages: [], stream: true });
    const names = [...(await response.text()).matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('answers errors in the provider shape with retry headers', async () => {
    server.enqueue(
      { error: { status: 429, retryAfterSeconds: 2, retryAfterMs: 2000 } },
      { error: { status: 529 } },
      { error: { status: 400, shouldRetry: true } },
    );
    const openai = await post('/v1/chat/completions', {});
    expect(openai.status).toBe(429);
    expect(openai.headers.get('retry-after')).toBe('2');
    expect(openai.headers.get('retry-after-ms')).toBe('2000');
    expect(await openai.json()).toMatchObject({
      error: { type: 'requests', code: 'rate_limit_exceeded', param: null },
    });
    const anthropic = await post('/v1/messages', {});
    expect(anthropic.status).toBe(529);
    expect(anthropic.headers.get('x-should-retry')).toBe('true');
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    const forced = await post('/v1/messages', {});
    expect(forced.headers.get('x-should-retry')).toBe('true');
  });

  it('answers unknown routes with 404 and bad JSON with 400', async () => {
    const missing = await fetch(`${server.url}/v1/unknown`);
    expect(missing.status).toBe(404);
    const bad = await fetch(`${server.openaiBaseURL}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect(server.requests[1]?.body).toBeUndefined();
    expect(server.requests[1]?.rawBody).toBe('{nope');
  });

  it('applies global latencyMs and chunkDelayMs, and lets a script override them', async () => {
    const local = await startMockServer({ latencyMs: 40, chunkDelayMs: 15 });
    const timed = async (body: unknown) => {
      const started = performance.now();
      const response = await fetch(`${local.openaiBaseURL}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      const headersAt = performance.now() - started;
      await response.text();
      return { headersAt, total: performance.now() - started };
    };
    const stream = { model: 'gpt-4o-mini', messages: [], stream: true };
    local.enqueue({ text: 'a b c' });
    const slow = await timed(stream);
    expect(slow.headersAt).toBeGreaterThanOrEqual(35);
    // 3 words + role chunk + finish chunk + [DONE] = 6 events, 5 gaps of 15 ms
    expect(slow.total - slow.headersAt).toBeGreaterThanOrEqual(65);
    local.enqueue({ text: 'a b c', latencyMs: 0, chunkDelayMs: 0 });
    const fast = await timed(stream);
    expect(fast.total).toBeLessThan(slow.total / 2);
    await local.close();
  });

  it('closes idle keep-alive connections so close() resolves promptly', async () => {
    const local = await startMockServer();
    await fetch(`${local.url}/v1/chat/completions`, { method: 'POST', body: '{}' }).then((r) => r.text());
    const started = performance.now();
    await local.close();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
