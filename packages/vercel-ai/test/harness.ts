import type { ContentMessage, SpanData, TaplineConfig } from '@tapline/core';
import { createTestTelemetry, type TestTelemetry } from '@tapline/testkit';
import { jsonSchema, tool } from 'ai';

export interface Harness extends Omit<TestTelemetry, 'raw'> {
  /** Raw span data as the pipeline received it (identity before hashing, content resolved), by span id. */
  raw: Map<string, RawSpan>;
}

export interface RawSpan {
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  input?: ContentMessage[];
  output?: ContentMessage[];
  outputText?: string;
}

function resolve(source: SpanData['input']): ContentMessage[] | undefined {
  return typeof source === 'function' ? source() : source;
}

/** A telemetry instance exporting to a schema-checking memory exporter, with diagnostics collected. */
export function harness(config: TaplineConfig = {}): Harness {
  const raw = new Map<string, RawSpan>();
  const recordRaw = {
    name: 'test-raw',
    process(span: SpanData) {
      raw.set(span.spanId, {
        userId: span.userId,
        sessionId: span.sessionId,
        metadata: span.metadata,
        input: resolve(span.input),
        output: resolve(span.output),
        outputText: span.outputChunks?.join(''),
      });
    },
  };
  const test = createTestTelemetry({ ...config, stages: [recordRaw, ...(config.stages ?? [])] });
  return { ...test, raw };
}

/** V3/V4 usage in the SDK's detailed form. */
export function usage(
  input: { noCache: number; cacheRead?: number; cacheWrite?: number },
  output: { text: number; reasoning?: number },
) {
  const cacheRead = input.cacheRead ?? 0;
  const cacheWrite = input.cacheWrite ?? 0;
  const reasoning = output.reasoning ?? 0;
  return {
    inputTokens: {
      total: input.noCache + cacheRead + cacheWrite,
      noCache: input.noCache,
      cacheRead: input.cacheRead,
      cacheWrite: input.cacheWrite,
    },
    outputTokens: { total: output.text + reasoning, text: output.text, reasoning: output.reasoning },
  };
}

/** The tool of the tests' tool loops: `weather({ city })` answers `Sunny in {city}`. */
export const weather = tool({
  inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }),
  execute: async ({ city }) => `Sunny in ${city}`,
});
