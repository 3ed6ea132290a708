import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../span/span-record';
import { consoleExporter, formatSpanLine } from './console-exporter';

const base: SpanRecord = {
  schemaVersion: 1,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  kind: 'llm',
  name: 'chat gpt-4o-mini',
  startTime: '2026-11-23T10:00:00.000Z',
  endTime: '2026-11-23T10:00:00.532Z',
  durationMs: 532.4,
  ttftMs: 120.2,
  provider: 'openai',
  requestModel: 'gpt-4o-mini',
  usage: { input: 12, output: 48, total: 60, source: 'provider' },
  cost: { currency: 'USD', input: 0.0000018, output: 0.0000288, total: 0.0000306, priceVersion: 'x' },
  status: 'ok',
  flags: { sampled: true, piiDetected: false, injectionSuspected: false, contentCaptured: false },
  sdk: { name: '@tapline/core', version: '0.1.0' },
};

describe('console exporter', () => {
  it('prints one readable line: model, tokens, cost, latency, ttft, status', () => {
    expect(formatSpanLine(base)).toBe(
      '[tapline] llm       chat gpt-4o-mini (openai) tokens 12→48 $0.000031 532ms ttft 120ms ok trace=4bf92f35',
    );
  });

  it('marks estimated usage, errors and flags', () => {
    const line = formatSpanLine({
      ...base,
      usage: { input: 12, output: 40, source: 'tokenizer' },
      status: 'error',
      error: { type: 'RateLimitError', httpStatus: 429 },
      flags: { ...base.flags, piiDetected: true, injectionSuspected: true },
    });
    expect(line).toContain('tokens 12→40 ~tokenizer');
    expect(line).toContain('error RateLimitError 429');
    expect(line).toContain('pii injection?');
  });

  it('writes JSON lines that parse back to the span', async () => {
    const lines: string[] = [];
    const exporter = consoleExporter({ format: 'json', write: (line) => lines.push(line) });
    expect(await exporter.export([base, { ...base, spanId: '00f067aa0ba902b8' }])).toEqual({
      code: 'success',
    });
    expect(lines.map((line) => JSON.parse(line))).toEqual([base, { ...base, spanId: '00f067aa0ba902b8' }]);
  });
});
