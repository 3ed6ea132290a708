import {
  type ContentMessage,
  createTelemetry,
  type SpanData,
  type SpanRecord,
  type TaplineConfig,
  type Telemetry,
} from '@tapline/core';
import { checkedMemoryExporter } from '@tapline/testkit';

export interface Harness {
  telemetry: Telemetry;
  /** Flushes and returns every exported span, after checking each against the span JSON Schema. */
  spans(): Promise<readonly SpanRecord[]>;
  errors: unknown[];
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
  const exporter = checkedMemoryExporter();
  const errors: unknown[] = [];
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
  const telemetry = createTelemetry(
    {
      exporter,
      flushOnExit: false,
      queue: { scheduledDelayMs: 5 },
      logLevel: 'error',
      logger: (level, message, detail) => {
        if (level === 'error') errors.push({ message, detail });
      },
      ...config,
      stages: [recordRaw, ...(config.stages ?? [])],
    },
    {},
  );
  return {
    telemetry,
    errors,
    raw,
    async spans() {
      await telemetry.flush(2000);
      if (exporter.violations.length > 0) throw new Error(exporter.violations.join('\n'));
      return exporter.spans;
    },
  };
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
