import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index';

let server: MockServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  strict: true,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

describe('responses API', () => {
  it('returns a response with output_text, dated model and usage details', async () => {
    server.enqueue({
      text: 'Bonjour!',
      usage: { inputTokens: 50, outputTokens: 8, cachedInputTokens: 32, reasoningTokens: 3 },
    });
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello in French' });
    expect(response.id).toMatch(/^resp_[0-9a-f]{50}$/);
    expect(response.status).toBe('completed');
    expect(response.model).toBe('gpt-4o-mini-2024-07-18');
    expect(response.output_text).toBe('Bonjour!');
    expect(response.usage).toEqual({
      input_tokens: 50,
      input_tokens_details: { cached_tokens: 32 },
      output_tokens: 8,
      output_tokens_details: { reasoning_tokens: 3 },
      total_tokens: 58,
    });
  });

  it('returns function_call items for offered tools', async () => {
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    const call = response.output[0];
    expect(call?.type).toBe('function_call');
    expect(call?.type === 'function_call' && [call.name, JSON.parse(call.arguments)]).toEqual([
      'get_weather',
      { city: 'example' },
    ]);
    expect(call?.type === 'function_call' && call.call_id).toMatch(/^call_/);
  });

  it('streams the documented event sequence and a completed response with usage', async () => {
    server.enqueue({
      text: 'Hello there friend',
      usage: { inputTokens: 5, outputTokens: 3, cachedInputTokens: 1 },
    });
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = [...new Set(events.map((event) => event.type))];
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    const deltas = events.flatMap((event) =>
      event.type === 'response.output_text.delta' ? [event.delta] : [],
    );
    expect(deltas.join('')).toBe('Hello there friend');
    const completed = events.at(-1);
    expect(completed?.type === 'response.completed' && completed.response.usage).toMatchObject({
      input_tokens: 5,
      output_tokens: 3,
      input_tokens_details: { cached_tokens: 1 },
      output_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('feeds the responses.stream helper, including function-call argument deltas', async () => {
    server.enqueue({ text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Weather?', tools: [weatherTool] });
    const argumentDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Checking.');
    expect(argumentDeltas.join('')).toBe('{"city":"Paris"}');
    const call = final.output[1];
    expect(call?.type === 'function_call' && call.arguments).toBe('{"city":"Paris"}');
  });

  it('renders a refusal content part, as JSON and streamed', async () => {
    server.enqueue({ refusal: 'I cannot help.' }, { refusal: 'I cannot help.' });
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'bad' });
    const item = response.output[0];
    expect(item?.type === 'message' && item.content[0]).toEqual({
      type: 'refusal',
      refusal: 'I cannot help.',
    });
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'bad' });
    const deltas: string[] = [];
    stream.on('response.refusal.delta', (event) => deltas.push(event.delta));
    await stream.finalResponse();
    expect(deltas.join('')).toBe('I cannot help.');
  });

  it('turns an in-stream error event into an APIError', async () => {
    server.enqueue({
      text: 'one two',
      streamError: { afterChunks: 3, type: 'server_error', message: 'stream failed' },
    });
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const types: string[] = [];
    const iterate = async () => {
      for await (const event of stream) types.push(event.type);
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('stream failed');
    expect(types).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
  });

  it('supports responses.parse with a json_schema text format', async () => {
    const response = await client.responses.parse({
      model: 'gpt-4o-mini',
      input: 'A city',
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(response.output_parsed).toEqual({ name: 'example' });
  });
});

describe('embeddings', () => {
  it('sends base64 by default (SDK) and the SDK decodes it to numbers', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(server.requests[0]?.body?.encoding_format).toBe('base64');
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(8);
    expect(typeof result.data[0]?.embedding[0]).toBe('number');
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.usage.prompt_tokens).toBe(2);
  });

  it('returns float arrays when asked, matching the base64 decoding', async () => {
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      encoding_format: 'float',
      dimensions: 4,
    });
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 4,
    });
    expect(Array.isArray(floats.data[0]?.embedding)).toBe(true);
    expect(Array.from(decoded.data[0]!.embedding)).toEqual(floats.data[0]?.embedding);
    server.enqueue({ embeddings: [[0.5, 0.25]] });
    const scripted = await client.embeddings.create({ model: 'x', input: 'y', encoding_format: 'float' });
    expect(scripted.data[0]?.embedding).toEqual([0.5, 0.25]);
  });
});

describe('legacy completions', () => {
  it('returns a text_completion', async () => {
    server.enqueue({ text: ' world', usage: { inputTokens: 1, outputTokens: 1 } });
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'hello' });
    expect(completion.id).toMatch(/^cmpl-/);
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toBe(' world');
    expect(completion.usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
  });

  it('streams text chunks and a usage chunk', async () => {
    server.enqueue({ text: 'one two three' });
    const stream = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'count',
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe('one two three');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
  });
});
