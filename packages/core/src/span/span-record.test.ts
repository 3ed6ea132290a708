import { describe, expect, it } from 'vitest';
import { assertValidSpan, spanSchema } from '../../test/validate-span';
import type { SpanRecord } from './span-record';

// Every field set: `satisfies Required<…>` makes a new field in the type fail to compile until it is added here,
// and the test below then fails until it is added to the JSON Schema too.
const full = {
  schemaVersion: 1,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  parentSpanId: '00f067aa0ba902b8',
  kind: 'llm',
  name: 'chat gpt-4o',
  startTime: '2026-11-23T10:00:00.000Z',
  endTime: '2026-11-23T10:00:01.250Z',
  durationMs: 1250.5,
  ttftMs: 310.25,
  provider: 'openai',
  operation: 'chat',
  requestModel: 'gpt-4o',
  responseModel: 'gpt-4o-2024-08-06',
  responseId: 'chatcmpl-abc',
  request: {
    temperature: 0.7,
    maxTokens: 256,
    topP: 1,
    topK: 40,
    frequencyPenalty: 0,
    presencePenalty: 0,
    seed: 7,
    stopSequences: 1,
    stream: true,
    toolCount: 2,
    toolChoice: 'auto',
    responseFormat: 'json_schema',
    n: 1,
    reasoningEffort: 'low',
  },
  usage: {
    input: 100,
    output: 50,
    total: 150,
    cachedInput: 20,
    cacheWrite: 0,
    reasoning: 10,
    source: 'provider',
  },
  cost: {
    currency: 'USD',
    input: 0.0002,
    output: 0.0005,
    cachedInput: 0.00001,
    cacheWrite: 0,
    reasoning: 0,
    total: 0.00071,
    priceVersion: 'openai/gpt-4o@2024-08-06',
  },
  finishReasons: ['stop'],
  toolCalls: { count: 1, names: ['get_weather'] },
  status: 'error',
  error: { type: 'RateLimitError', code: 'rate_limit_exceeded', httpStatus: 429, message: 'slow down' },
  appName: 'checkout',
  environment: 'production',
  userIdHash: 'a'.repeat(64),
  sessionIdHash: 'b'.repeat(64),
  promptHash: 'c'.repeat(64),
  piiCategories: ['EMAIL'],
  credentialFingerprint: '1a2b3c4d',
  flags: {
    sampled: true,
    piiDetected: true,
    injectionSuspected: false,
    contentCaptured: true,
    truncated: false,
  },
  content: {
    input: [{ role: 'user', content: 'mail [EMAIL]', name: 'alice' }],
    output: [{ role: 'assistant', content: 'ok' }],
    mode: 'redacted',
  },
  metadata: { tenant: 'acme', nested: { list: [1, 'two', null, true] } },
  sdk: { name: '@tapline/core', version: '0.1.0', integration: 'openai' },
} satisfies Required<SpanRecord>;

describe('span-v1.schema.json', () => {
  it('accepts a span with every field set', () => {
    assertValidSpan(full);
  });

  it('lists exactly the fields of the SpanRecord type', () => {
    const properties = Object.keys(spanSchema.properties as object).sort();
    expect(properties).toEqual(Object.keys(full).sort());
  });

  it.each<[string, (span: Record<string, unknown>) => void]>([
    ['an unknown field', (s) => (s.extra = 1)],
    ['a missing traceId', (s) => delete s.traceId],
    ['an all-zero trace id', (s) => (s.traceId = '0'.repeat(32))],
    ['an upper-case span id', (s) => (s.spanId = '00F067AA0BA902B7')],
    ['an unknown kind', (s) => (s.kind = 'robot')],
    ['a negative token count', (s) => ((s.usage as Record<string, unknown>).input = -1)],
    ['a fractional token count', (s) => ((s.usage as Record<string, unknown>).output = 1.5)],
    ['a usage without source', (s) => delete (s.usage as Record<string, unknown>).source],
    ['a bad status', (s) => (s.status = 'failed')],
    ['a schema version 2', (s) => (s.schemaVersion = 2)],
    ['a start time that is not a date', (s) => (s.startTime = 'yesterday')],
    ['a raw user id', (s) => (s.userId = 'alice@example.com')],
  ])('rejects %s', (_name, mutate) => {
    const span = structuredClone(full) as Record<string, unknown>;
    mutate(span);
    expect(() => assertValidSpan(span)).toThrow(/does not match/);
  });
});
