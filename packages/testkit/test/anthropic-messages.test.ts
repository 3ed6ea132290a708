import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index';

let server: MockServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockServer();
  client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const base = {
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'What is the capital of France?' }],
};
const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('anthropic messages JSON', () => {
  it('returns a message with ids, dated model, usage and request-id header', async () => {
    const { data, response } = await client.messages.create(base).withResponse();
    expect(data.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(data.model).toBe('claude-haiku-4-5-20251001');
    expect(data.content).toEqual([
      { type: 'text', text: 'This is a mock reply to: What is the capital of France?' },
    ]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.cache_read_input_tokens).toBe(0);
    expect(data.usage.cache_creation_input_tokens).toBe(0);
    expect(response.headers.get('request-id')).toMatch(/^req_011C/);
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    // Anthropic SDK v1 sends the API key as a bearer token, not x-api-key.
    expect(request.headers.authorization).toBe('Bearer sk-ant-test');
    expect(request.headers['anthropic-version']).toBeTruthy();
    expect(request.body).toMatchObject(base);
  });

  it('reports scripted cache usage', async () => {
    server.enqueue({
      text: 'Paris.',
      usage: { inputTokens: 12, outputTokens: 4, cachedInputTokens: 1800, cacheCreationInputTokens: 200 },
    });
    const message = await client.messages.create(base);
    expect(message.usage).toMatchObject({
      input_tokens: 12,
      output_tokens: 4,
      cache_read_input_tokens: 1800,
      cache_creation_input_tokens: 200,
    });
  });

  it('returns tool_use blocks by default when tools are offered', async () => {
    const message = await client.messages.create({ ...base, tools: [weatherTool] });
    const block = message.content[0];
    expect(message.stop_reason).toBe('tool_use');
    expect(block?.type).toBe('tool_use');
    expect(block?.type === 'tool_use' && [block.id.startsWith('toolu_01'), block.name, block.input]).toEqual([
      true,
      'get_weather',
      { city: 'example' },
    ]);
    const followUp = await client.messages.create({
      ...base,
      tools: [weatherTool],
      messages: [
        ...base.messages,
        { role: 'assistant', content: message.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: block?.type === 'tool_use' ? block.id : '', content: '21C' },
          ],
        },
      ],
    });
    expect(followUp.stop_reason).toBe('end_turn');
    expect(followUp.content[0]?.type).toBe('text');
  });

  it('returns thinking blocks when thinking is enabled', async () => {
    const message = await client.messages.create({
      ...base,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    const thinking = message.content[0];
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
  });
});

describe('anthropic messages SSE', () => {
  it('streams the full event sequence including ping and message_delta usage', async () => {
    server.enqueue({
      text: 'Paris is the capital.',
      usage: { inputTokens: 20, outputTokens: 6, cachedInputTokens: 10 },
    });
    const stream = await client.messages.create({ ...base, stream: true });
    const types: string[] = [];
    let text = '';
    let finalUsage: unknown;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') finalUsage = event.usage;
      if (event.type === 'message_start') expect(event.message.usage.input_tokens).toBe(20);
    }
    expect(text).toBe('Paris is the capital.');
    expect(types[0]).toBe('message_start');
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(types).not.toContain('ping'); // the SDK skips ping events
    expect(server.requests[0]?.body?.stream).toBe(true);
    expect(finalUsage).toMatchObject({ output_tokens: 6, cache_read_input_tokens: 10 });
  });

  it('feeds messages.stream() with text events and finalMessage()', async () => {
    server.enqueue({
      text: 'Hello from the stream',
      usage: { outputTokens: 4, cacheCreationInputTokens: 7 },
    });
    const stream = client.messages.stream(base);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('Hello from the stream');
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the stream', citations: undefined }]);
    expect(message.usage).toMatchObject({ output_tokens: 4, cache_creation_input_tokens: 7 });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('streams tool_use input as input_json_delta', async () => {
    server.enqueue({
      toolCalls: [{ id: 'toolu_fixed', name: 'get_weather', arguments: { city: 'Paris', days: 3 } }],
    });
    const stream = client.messages.stream({ ...base, tools: [weatherTool] });
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const message = await stream.finalMessage();
    expect(partials.join('')).toBe('{"city":"Paris","days":3}');
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      id: 'toolu_fixed',
      name: 'get_weather',
      input: { city: 'Paris', days: 3 },
    });
    expect(message.stop_reason).toBe('tool_use');
  });

  it('streams thinking with thinking_delta and signature_delta', async () => {
    server.enqueue({ thinking: { text: 'First, recall geography.', signature: 'sig-123' }, text: 'Paris.' });
    const stream = client.messages.stream({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 } });
    const thinkingDeltas: string[] = [];
    const signatures: string[] = [];
    stream.on('thinking', (delta) => thinkingDeltas.push(delta));
    stream.on('signature', (signature) => signatures.push(signature));
    const message = await stream.finalMessage();
    expect(thinkingDeltas.join('')).toBe('First, recall geography.');
    expect(signatures).toEqual(['sig-123']);
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: 'First, recall geography.',
      signature: 'sig-123',
    });
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Paris.' });
  });
});
