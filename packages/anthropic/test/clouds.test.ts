import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { startTelemetryHarness, type TelemetryHarness } from '@tapline/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapAnthropic } from '../src/index';

// The Bedrock and Vertex clients share the Messages surface; their requests are rewritten to the cloud's wire
// shape (the model moves into the path) by the SDK's own middleware, behind the wrapper. The mock server answers
// both shapes (Bedrock only unstreamed: its streamed form uses AWS event-stream framing).

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

describe('AnthropicBedrock', () => {
  it('records a call as aws.bedrock with usage, against /model/{model}/invoke', async () => {
    h.server.enqueue({ text: 'Hi from Bedrock', usage: { inputTokens: 7, outputTokens: 3 } });
    const client = wrapAnthropic(
      // skipAuth: no SigV4 signing, so no AWS credentials are looked up
      new AnthropicBedrock({ baseURL: h.server.url, awsRegion: 'us-east-1', skipAuth: true, maxRetries: 0 }),
      { telemetry: h.telemetry },
    );
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
    const client = wrapAnthropic(
      new AnthropicBedrock({ baseURL: h.server.url, awsRegion: 'us-east-1', skipAuth: true, maxRetries: 0 }),
      { telemetry: h.telemetry },
    );
    const failure = await client.messages.create(body).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { status?: number }).status).toBe(400);
    const [span] = await h.spans();
    expect(span).toMatchObject({ provider: 'aws.bedrock', status: 'error' });
  });
});
