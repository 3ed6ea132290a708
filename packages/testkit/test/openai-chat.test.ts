import OpenAI from 'openai';
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

const messages = [{ role: 'user' as const, content: 'What is the capital of France?' }];
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('chat completions JSON', () => {
  it('returns a deterministic default answer with dated model, ids and usage details', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .withResponse();
    expect(data.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gpt-4o-mini-2024-07-18');
    expect(data.choices[0]?.message.content).toBe('This is a mock reply to: What is the capital of France?');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(data.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    expect(data.usage?.total_tokens).toBe(
      (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    );
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('records what the SDK sent', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages, temperature: 0.2 });
    const request = server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['x-stainless-retry-count']).toBe('0');
    expect(request.body).toMatchObject({ model: 'gpt-4o', temperature: 0.2, messages });
  });

  it('renders scripted text, usage and model', async () => {
    server.enqueue({
      text: 'Paris.',
      model: 'gpt-4o-2024-11-20',
      usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 64, reasoningTokens: 12 },
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.choices[0]?.message.content).toBe('Paris.');
    expect(completion.model).toBe('gpt-4o-2024-11-20');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 120,
      completion_tokens: 30,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });

  it('returns n choices', async () => {
    server.enqueue({ text: ['one', 'two', 'three'] });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, n: 3 });
    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([
      [0, 'one'],
      [1, 'two'],
      [2, 'three'],
    ]);
  });

  it('calls the offered tool by default, and answers after a tool result', async () => {
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(first.choices[0]?.message.content).toBeNull();
    expect(call?.id).toMatch(/^call_/);
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example' });
    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools: [weatherTool],
      messages: [
        ...messages,
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call!.id, content: '{"temp":21}' },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toContain('mock reply');
  });

  it('renders scripted tool calls and a refusal', async () => {
    server.enqueue(
      { toolCalls: [{ id: 'call_fixed', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { refusal: "I'm sorry, I can't help with that." },
    );
    const tools = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    expect(tools.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_fixed',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
    ]);
    const refusal = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(refusal.choices[0]?.message.refusal).toBe("I'm sorry, I can't help with that.");
    expect(refusal.choices[0]?.message.content).toBeNull();
  });

  it('supports chat.completions.parse with a JSON schema response_format (default and scripted)', async () => {
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'city',
        strict: true,
        schema: {
          type: 'object',
          properties: { name: { type: 'string' }, population: { type: 'integer' } },
          required: ['name', 'population'],
          additionalProperties: false,
        },
      },
    };
    const byDefault = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: responseFormat,
    });
    expect(byDefault.choices[0]?.message.parsed).toEqual({ name: 'example', population: 1 });
    server.enqueue({ json: { name: 'Paris', population: 2102650 } });
    const scripted = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: responseFormat,
    });
    expect(scripted.choices[0]?.message.parsed).toEqual({ name: 'Paris', population: 2102650 });
  });
});

describe('chat completions SSE', () => {
  it('streams content deltas without a usage chunk by default', async () => {
    server.enqueue({ text: 'The capital is Paris.' });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'The capital is Paris.',
    );
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]?.model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('ends with a usage-only chunk when stream_options.include_usage is set', async () => {
    server.enqueue({ text: 'Paris.', usage: { inputTokens: 10, outputTokens: 2, cachedInputTokens: 4 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 2,
      prompt_tokens_details: { cached_tokens: 4 },
    });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams tool-call argument deltas that the stream helper reassembles', async () => {
    server.enqueue({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }] });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const argumentDeltas: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (event) => argumentDeltas.push(event.arguments_delta));
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(argumentDeltas.length).toBeGreaterThan(1);
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
      unit: 'celsius',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('feeds the chat.completions.stream helper content, usage and n > 1', async () => {
    server.enqueue({ text: ['first answer', 'second answer'] });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages,
      n: 2,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on('content.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalChatCompletion();
    expect(final.choices.map((choice) => choice.message.content)).toEqual(['first answer', 'second answer']);
    expect(deltas.join('')).toBe('first answersecond answer');
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a refusal', async () => {
    server.enqueue({ refusal: 'I cannot do that.' });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.refusal).toBe('I cannot do that.');
  });

  it('paces chunks with chunkDelayMs', async () => {
    server.enqueue({ text: 'one two three four five', chunkDelayMs: 20 });
    const started = performance.now();
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const arrivals: number[] = [];
    for await (const _chunk of stream) arrivals.push(performance.now() - started);
    expect(arrivals.length).toBe(7);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(100);
  });
});
