import { randomBytes } from 'node:crypto';
import type { SpanRecord } from '@tapline/core';

let counter = 0;

/** A valid wire-format v1 LLM span; `overrides` replace fields. */
export function makeSpan(overrides: Partial<SpanRecord> = {}): SpanRecord {
  counter++;
  const start = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, counter % 1000));
  return {
    schemaVersion: 1,
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    kind: 'llm',
    name: 'chat gpt-4o-mini',
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 420).toISOString(),
    durationMs: 420,
    ttftMs: 120,
    provider: 'openai',
    operation: 'chat',
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    responseId: `chatcmpl-${counter}`,
    request: { temperature: 0.2, maxTokens: 256, topP: 1, stream: true },
    usage: { input: 120, output: 40, total: 160, cachedInput: 20, reasoning: 8, source: 'provider' },
    cost: {
      currency: 'USD',
      input: 0.000018,
      output: 0.000024,
      total: 0.000042,
      priceVersion: 'openai/gpt-4o-mini@2024-07-18',
    },
    finishReasons: ['stop'],
    status: 'ok',
    appName: 'exporter-tests',
    environment: 'test',
    flags: { sampled: true, piiDetected: false, injectionSuspected: false, contentCaptured: false },
    sdk: { name: '@tapline/core', version: '0.1.0', integration: 'openai' },
    ...overrides,
  };
}

export function makeSpans(count: number, overrides: Partial<SpanRecord> = {}): SpanRecord[] {
  return Array.from({ length: count }, () => makeSpan(overrides));
}
