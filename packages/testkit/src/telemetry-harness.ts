import {
  createTelemetry,
  type SpanData,
  type SpanRecord,
  type TaplineConfig,
  type Telemetry,
} from '@tapline/core';
import { checkedMemoryExporter } from './checked-memory-exporter';
import { type MockServer, startMockServer } from './mock-server';

/** A telemetry instance for adapter tests, exporting to a schema-checking memory exporter. */
export interface TestTelemetry {
  exporter: ReturnType<typeof checkedMemoryExporter>;
  telemetry: Telemetry;
  /** Raw span data as the pipeline saw it (streamed text, input producer), by span id. */
  raw: Map<string, SpanData>;
  /** What the diagnostics logger reported at level `error`. */
  errors: { message: string; detail: unknown }[];
  /** Flushes and returns the exported spans; throws if any span broke the JSON Schema. */
  spans(): Promise<readonly SpanRecord[]>;
}

/**
 * A telemetry instance for adapter tests: no exit hooks, a short batch delay, errors collected from the
 * diagnostics logger, and a probe stage (first, before any stage in `config.stages`) that keeps each span's raw
 * data for assertions. `config` wins over these defaults.
 */
export function createTestTelemetry(config: TaplineConfig = {}): TestTelemetry {
  const exporter = checkedMemoryExporter();
  const raw = new Map<string, SpanData>();
  const errors: TestTelemetry['errors'] = [];
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
      stages: [
        { name: 'probe', process: (span) => void raw.set(span.spanId, span) },
        ...(config.stages ?? []),
      ],
    },
    {},
  );
  return {
    exporter,
    telemetry,
    raw,
    errors,
    async spans() {
      // generous: the first span without usage loads the tokenizer's ranks, which takes seconds on a busy machine
      // (turbo builds and tests packages side by side); a flush that finishes returns at once
      await telemetry.flush(15_000);
      if (exporter.violations.length > 0) throw new Error(exporter.violations.join('\n'));
      return exporter.spans;
    },
  };
}

/** A mock server plus a telemetry instance exporting to a schema-checking memory exporter. */
export interface TelemetryHarness extends TestTelemetry {
  server: MockServer;
  close(): Promise<void>;
}

/**
 * Starts a mock server and a telemetry instance for adapter tests ({@link createTestTelemetry}) with hashed
 * identities (a fixed test secret) and a short stream deadline.
 */
export async function startTelemetryHarness(config: TaplineConfig = {}): Promise<TelemetryHarness> {
  const server = await startMockServer();
  const test = createTestTelemetry({
    hashSecret: 'test-secret',
    streamDeadlineMs: 300,
    ...config,
  });
  return {
    ...test,
    server,
    async close() {
      await test.telemetry.shutdown(1000);
      await server.close();
    },
  };
}
