import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createTelemetry } from '@tapline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter } from '../src/create-exporter';
import { DURATION_BUCKETS, TOKEN_USAGE_BUCKETS } from '../src/metrics/gen-ai-metric-definitions';
import { collectedSpans, otelcolEndpoints } from './otelcol-output';
import { waitFor } from './wait-for';

/** A minimal OTLP/HTTP JSON metric exporter (the SDK's own serializer, posted with fetch). */
function otlpJsonMetricExporter(url: string): PushMetricExporter {
  return {
    export(resourceMetrics: ResourceMetrics, done: (result: ExportResult) => void) {
      const body = Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics) ?? new Uint8Array());
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then((response) => done({ code: response.ok ? ExportResultCode.SUCCESS : ExportResultCode.FAILED }))
        .catch((error: Error) => done({ code: ExportResultCode.FAILED, error }));
    },
    selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

interface CollectedHistogram {
  name: string;
  unit?: string;
  histogram?: {
    dataPoints: Array<{
      attributes: Array<{ key: string; value: { stringValue?: string } }>;
      count: string | number;
      sum?: number;
      explicitBounds?: number[];
    }>;
  };
}

function collectedMetrics(): CollectedHistogram[] {
  const text = readFileSync(join(process.env.TAPLINE_TEST_OTELCOL_STATE ?? '', 'metrics.jsonl'), 'utf8');
  const out: CollectedHistogram[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const request = JSON.parse(line) as {
      resourceMetrics?: Array<{ scopeMetrics?: Array<{ metrics?: CollectedHistogram[] }> }>;
    };
    for (const resource of request.resourceMetrics ?? [])
      for (const scope of resource.scopeMetrics ?? []) out.push(...(scope.metrics ?? []));
  }
  return out;
}

const resource = resourceFromAttributes({ 'service.name': 'bridge-collector-test' });
let tracerProvider: BasicTracerProvider;
let meterProvider: MeterProvider;

beforeAll(() => {
  const { http } = otelcolEndpoints();
  tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${http}/v1/traces` }))],
  });
  meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: otlpJsonMetricExporter(`${http}/v1/metrics`),
        exportIntervalMillis: 3_600_000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
});

afterAll(async () => {
  trace.disable();
  context.disable();
  metrics.disable();
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
});

describe('bridge mode and metrics through the app’s providers to a real OpenTelemetry Collector', () => {
  it('delivers the LLM span nested under the HTTP request span, and the GenAI histograms with their buckets', async () => {
    const telemetry = createTelemetry(
      { exporter: createExporter({ type: 'otlp', bridge: true, metrics: true }), flushOnExit: false },
      {},
    );
    const model = `gpt-bridge-${Date.now()}`;
    let http: { traceId: string; spanId: string } | undefined;
    await trace.getTracer('app').startActiveSpan('GET /checkout', async (span) => {
      http = span.spanContext();
      await telemetry.span(
        'answer question',
        async (llm) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          llm.markFirstToken();
          llm.setUsage({ input: 300, output: 20 });
        },
        {
          kind: 'llm',
          provider: 'openai',
          operation: 'chat',
          requestModel: model,
          request: { stream: true },
        },
      );
      span.end();
    });
    // Flushing Tapline flushes what the bridge handed to the app's providers.
    await telemetry.flush();
    await telemetry.shutdown();

    await waitFor(
      () => collectedSpans().filter((s) => s.traceId === http?.traceId).length === 2,
      'the request span and the LLM span at the collector',
    );
    const spans = collectedSpans().filter((s) => s.traceId === http?.traceId);
    const llm = spans.find((s) => s.name === `chat ${model}`);
    expect(llm?.parentSpanId).toBe(http?.spanId);
    expect(llm?.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(llm?.resource['service.name']).toBe('bridge-collector-test'); // the app's resource
    expect(llm?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': model,
      'gen_ai.usage.input_tokens': 300,
    });

    await waitFor(
      () =>
        collectedMetrics().some((m) =>
          m.histogram?.dataPoints.some((p) =>
            p.attributes.some((a) => a.key === 'gen_ai.request.model' && a.value.stringValue === model),
          ),
        ),
      'GenAI metrics at the collector',
    );
    const byName = new Map(collectedMetrics().map((m) => [m.name, m]));
    const usage = byName.get('gen_ai.client.token.usage');
    expect(usage?.unit).toBe('{token}');
    expect(usage?.histogram?.dataPoints[0]?.explicitBounds).toEqual(TOKEN_USAGE_BUCKETS);
    expect(byName.get('gen_ai.client.operation.duration')?.unit).toBe('s');
    expect(byName.get('gen_ai.client.operation.duration')?.histogram?.dataPoints[0]?.explicitBounds).toEqual(
      DURATION_BUCKETS,
    );
    expect(byName.get('gen_ai.client.operation.time_to_first_chunk')?.histogram?.dataPoints).toHaveLength(1);
  });
});
