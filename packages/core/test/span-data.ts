import type { SpanData } from '../src/span/span-data';

/** A minimal ended `llm` span's data for stage and pipeline tests; `fields` override the defaults. */
export function spanData(fields: Partial<SpanData> = {}): SpanData {
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    kind: 'llm',
    name: 'chat',
    startMono: 0,
    endMono: 1,
    status: 'ok',
    sampled: true,
    ...fields,
  };
}
