import {
  createTelemetry,
  type SpanData,
  type SpanRecord,
  type TaplineConfig,
  type Telemetry,
} from '@tapline/core';
import { checkedMemoryExporter } from './checked-memory-exporter';
import { type MockServer, startMockServer } from './mock-server';

/** A mock server plus a telemetry instance exporting to a schema-checking memory exporter. */
export interface TelemetryHarness {
  server: MockServer;
  exporter: ReturnType<typeof checkedMemoryExporter>;
  telemetry: Telemetry;
  /** Raw span data as the pipeline saw it (streamed text, input producer), by span id. */
  raw: Map<string, SpanData>;
  /** Flushes and returns the exported spans; throws if any span broke the JSON Schema. */
  spans(): Promise<readonly SpanRecord[]>;
  close(): Promise<void>;
}

/**
 * Starts a mock server and a telemetry instance for adapter tests: hashed identities (a fixed test secret), a
 * short stream deadline, no exit hooks, and a probe stage that keeps each span's raw data for assertions.
 */
export async function startTelemetryHarness(config: TaplineConfig = {}): Promise<TelemetryHarness> {
  const server = await startMockServer();
  const exporter = checkedMemoryExporter();
  const raw = new Map<string, SpanData>();
  const telemetry = createTelemetry(
    {
      exporter,
      flushOnExit: false,
      hashSecret: 'test-secret',
      streamDeadlineMs: 300,
      ...config,
      stages: [
        { name: 'probe', process: (span) => void raw.set(span.spanId, span) },
        ...(config.stages ?? []),
      ],
    },
    {},
  );
  return {
    server,
    exporter,
    telemetry,
    raw,
    async spans() {
      await telemetry.flush(2000);
      if (exporter.violations.length > 0) throw new Error(exporter.violations.join('\n'));
      return exporter.spans;
    },
    async close() {
      await telemetry.shutdown(1000);
      await server.close();
    },
  };
}
