import Anthropic from '@anthropic-ai/sdk';
import { createTelemetry, type SpanData, type SpanRecord, type Telemetry } from '@tapline/core';
import { checkedMemoryExporter, type MockServer, startMockServer } from '@tapline/testkit';
import { type WrapAnthropicOptions, wrapAnthropic } from '../src/index';

export interface Harness {
  server: MockServer;
  exporter: ReturnType<typeof checkedMemoryExporter>;
  telemetry: Telemetry;
  rawClient: Anthropic;
  client: Anthropic;
  /** Raw span data as the pipeline saw it (streamed text, input producer), by span id. */
  raw: Map<string, SpanData>;
  /** Flushes and returns the exported spans, asserting each is schema-valid. */
  spans(): Promise<readonly SpanRecord[]>;
  close(): Promise<void>;
}

export const API_KEY = 'sk-ant-test-abcdefghijklmnopqrstuvwxyz012345';

export async function harness(options: Omit<WrapAnthropicOptions, 'telemetry'> = {}): Promise<Harness> {
  const server = await startMockServer();
  const exporter = checkedMemoryExporter();
  const seen = new Map<string, SpanData>();
  const telemetry = createTelemetry(
    {
      stages: [{ name: 'probe', process: (span) => void seen.set(span.spanId, span) }],
      exporter,
      appName: 'anthropic-tests',
      flushOnExit: false,
      hashSecret: 'test-secret',
      streamDeadlineMs: 300,
    },
    {},
  );
  const raw = new Anthropic({ apiKey: API_KEY, baseURL: server.anthropicBaseURL, maxRetries: 2 });
  const client = wrapAnthropic(raw, { telemetry, ...options });
  return {
    server,
    exporter,
    telemetry,
    rawClient: raw,
    raw: seen,
    client,
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
