import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import Anthropic from '@anthropic-ai/sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { startTelemetryHarness, type TelemetryHarness } from '@tapline/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapAnthropic } from '../src/index';

// The Bedrock and Vertex clients share the Messages surface; their requests are rewritten to the cloud's wire
// shape (the model moves into the path) by the SDK's own middleware, behind the wrapper. The mock server answers
// both shapes; Bedrock streams come in AWS event-stream framing, which the Bedrock SDK turns back into SSE.

let h: TelemetryHarness;
beforeEach(async () => {
  h = await startTelemetryHarness({ appName: 'cloud-tests' });
});
afterEach(async () => {
  await h.close();
});

const body = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

function vertex(): AnthropicVertex {
  return new AnthropicVertex({
    baseURL: `${h.server.url}/v1`,
    region: 'us-east5',
    projectId: 'tapline-test',
    // a stand-in for google-auth-library's client: no token endpoint is contacted
    authClient: {
      getRequestHeaders: async () => new Headers({ authorization: 'Bearer test-token' }),
    } as never,
    maxRetries: 0,
  });
}

describe('AnthropicVertex', () => {
  it('records plain and streamed calls as gcp.vertex_ai with usage, against the :rawPredict paths', async () => {
    h.server.enqueue(
      { text: 'Hi from Vertex', usage: { inputTokens: 12, outputTokens: 4, cachedInputTokens: 6 } },
      { text: 'Streamed from Vertex', usage: { inputTokens: 9, outputTokens: 5 } },
    );
    const client = wrapAnthropic(vertex(), { telemetry: h.telemetry });
    expect(client).toBeInstanceOf(AnthropicVertex);
    const message = await client.messages.create(body);
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hi from Vertex' });
    const stream = await client.messages.create({ ...body, stream: true });
    let text = '';
    for await (const event of stream)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    expect(text).toBe('Streamed from Vertex');

    const paths = h.server.requests.map((request) => request.path);
    expect(paths).toEqual([
      '/v1/projects/tapline-test/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-6:rawPredict',
      '/v1/projects/tapline-test/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-6:streamRawPredict',
    ]);
    const spans = await h.spans();
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({
      provider: 'gcp.vertex_ai',
      requestModel: 'claude-sonnet-4-6',
      usage: { input: 18, output: 4, cachedInput: 6, source: 'provider' },
      status: 'ok',
    });
    expect(spans[1]).toMatchObject({
      provider: 'gcp.vertex_ai',
      usage: { input: 9, output: 5, source: 'provider' },
      status: 'ok',
    });
    expect(spans[1]?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps the wrapper on withOptions() clients, with the region and project carried over', async () => {
    h.server.enqueue({ text: 'again' });
    const derived = wrapAnthropic(vertex(), { telemetry: h.telemetry }).withOptions({ timeout: 5_000 });
    expect(derived).toBeInstanceOf(AnthropicVertex);
    await derived.messages.create(body);
    expect(h.server.requests[0]?.path).toContain('/projects/tapline-test/locations/us-east5/');
    const [span] = await h.spans();
    expect(span).toMatchObject({ provider: 'gcp.vertex_ai', status: 'ok' });
  });
});

function bedrock(): AnthropicBedrock {
  // skipAuth: no SigV4 signing, so no AWS credentials are looked up
  return new AnthropicBedrock({
    baseURL: h.server.url,
    awsRegion: 'us-east-1',
    skipAuth: true,
    maxRetries: 0,
  });
}

const bedrockModel = 'anthropic.claude-sonnet-4-5-v1:0';

describe('AnthropicBedrock', () => {
  it('records a call as aws.bedrock with usage, against /model/{model}/invoke', async () => {
    h.server.enqueue({ text: 'Hi from Bedrock', usage: { inputTokens: 7, outputTokens: 3 } });
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const message = await client.messages.create({ ...body, model: 'anthropic.claude-sonnet-4-5-v1:0' });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hi from Bedrock' });
    expect(h.server.requests[0]?.path).toBe('/model/anthropic.claude-sonnet-4-5-v1:0/invoke');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'aws.bedrock',
      requestModel: 'anthropic.claude-sonnet-4-5-v1:0',
      usage: { input: 7, output: 3, source: 'provider' },
      status: 'ok',
    });
    // the Bedrock model id is priced as the Anthropic model it names
    expect(span?.cost?.priceVersion).toMatch(/^anthropic\/claude-sonnet-4-5@/);
    expect(span?.cost?.total).toBeGreaterThan(0);
  });

  it('records a Bedrock error as an error span and rethrows the SDK error', async () => {
    h.server.enqueue({ error: { status: 400, message: 'bad request', type: 'invalid_request_error' } });
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const failure = await client.messages.create(body).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { status?: number }).status).toBe(400);
    const [span] = await h.spans();
    expect(span).toMatchObject({ provider: 'aws.bedrock', status: 'error' });
  });

  it('records a stream: true call against /model/{model}/invoke-with-response-stream', async () => {
    h.server.enqueue({
      text: 'Streamed from Bedrock',
      usage: { inputTokens: 9, outputTokens: 5, cachedInputTokens: 2 },
      chunkDelayMs: 1,
    });
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const stream = await client.messages.create({ ...body, model: bedrockModel, stream: true });
    expect(stream.constructor.name).toBe('Stream');
    let text = '';
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    expect(text).toBe('Streamed from Bedrock');
    expect(types.at(-1)).toBe('message_stop');
    expect(h.server.requests[0]?.path).toBe(`/model/${bedrockModel}/invoke-with-response-stream`);
    // the Bedrock SDK moves stream into the path, as it does the model
    expect(h.server.requests[0]?.body).not.toHaveProperty('stream');
    const [span] = await h.spans();
    expect(span).toMatchObject({
      provider: 'aws.bedrock',
      requestModel: bedrockModel,
      usage: { input: 11, output: 5, cachedInput: 2, source: 'provider' },
      finishReasons: ['end_turn'],
      request: { stream: true },
      status: 'ok',
    });
    expect(span?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(span?.ttftMs).toBeLessThanOrEqual(span!.durationMs);
    expect(h.raw.get(span!.spanId)?.outputChunks?.join('')).toBe('Streamed from Bedrock');
  });

  it('records messages.stream() with finalMessage() as one span', async () => {
    h.server.enqueue({ text: 'Final from Bedrock', usage: { inputTokens: 6, outputTokens: 4 } });
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const runner = client.messages.stream({ ...body, model: bedrockModel });
    let deltas = '';
    runner.on('text', (delta) => {
      deltas += delta;
    });
    const final = await runner.finalMessage();
    expect(deltas).toBe('Final from Bedrock');
    expect(final.usage.output_tokens).toBe(4);
    const spans = await h.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      provider: 'aws.bedrock',
      usage: { input: 6, output: 4, source: 'provider' },
      finishReasons: ['end_turn'],
      status: 'ok',
    });
  });

  it('ends a stream broken off early as aborted, with the tokens seen so far', async () => {
    h.server.enqueue({ text: 'one two three four five six seven eight', chunkDelayMs: 2 });
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const stream = await client.messages.create({ ...body, model: bedrockModel, stream: true });
    let n = 0;
    for await (const _ of stream) if (++n === 6) break;
    const [span] = await h.spans();
    expect(span).toMatchObject({ provider: 'aws.bedrock', status: 'aborted' });
    expect(span?.usage?.source ?? 'none').not.toBe('provider');
    expect(span?.usage?.output).toBeGreaterThan(0);
  });

  it('records a stream cut by the server, and an in-stream exception, as not ok', async () => {
    const text = 'one two three four five six';
    h.server.enqueue(
      { text, cutAfterChunks: 5 },
      { text, streamError: { afterChunks: 4, type: 'throttlingException', message: 'slow down' } },
    );
    const client = wrapAnthropic(bedrock(), { telemetry: h.telemetry });
    const drain = async () => {
      const stream = await client.messages.create({ ...body, model: bedrockModel, stream: true });
      for await (const _ of stream);
    };
    expect(await drain().catch((error: unknown) => error)).toBeInstanceOf(Error);
    const failure = await drain().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as Error).message).toContain('slow down');
    const [cut, thrown] = await h.spans();
    expect(cut).toMatchObject({ provider: 'aws.bedrock', status: 'error' });
    expect(thrown).toMatchObject({
      provider: 'aws.bedrock',
      status: 'error',
      error: { type: 'APIError', code: 'throttlingException' },
    });
  });
});
