import { metrics, ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { createTelemetry } from '@tapline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { createExporter } from '../create-exporter';
import { DURATION_BUCKETS, TOKEN_USAGE_BUCKETS } from './gen-ai-metric-definitions';
import { genAiMetricsExporter } from './gen-ai-metrics-exporter';

let provider: MeterProvider;
let sink: InMemoryMetricExporter;

beforeEach(() => {
  sink = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  provider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: sink, exportIntervalMillis: 3_600_000 })],
  });
});

afterEach(async () => {
  metrics.disable();
  await provider.shutdown();
});

async function collected(): Promise<Map<string, MetricData>> {
  await provider.forceFlush();
  const byName = new Map<string, MetricData>();
  for (const resource of sink.getMetrics())
    for (const scope of resource.scopeMetrics)
      for (const metric of scope.metrics) {
        expect(scope.scope.name).toBe('@tapline/exporters');
        byName.set(metric.descriptor.name, metric);
      }
  return byName;
}

function points(metric: MetricData | undefined) {
  expect(metric?.dataPointType).toBe(DataPointType.HISTOGRAM);
  return (metric?.dataPoints ?? []).map((point) => ({
    attributes: point.attributes,
    value: point.value as Histogram,
  }));
}

describe('genAiMetricsExporter', () => {
  it('records token usage, duration and time to first chunk with the conventions’ units and buckets', async () => {
    const exporter = genAiMetricsExporter({ meterProvider: provider });
    await exporter.export([
      makeSpan({ durationMs: 420, ttftMs: 120 }),
      makeSpan({ durationMs: 1500, ttftMs: 300, provider: 'mistral', requestModel: 'mistral-small' }),
    ]);
    const byName = await collected();

    const usage = byName.get('gen_ai.client.token.usage');
    expect(usage?.descriptor).toMatchObject({ unit: '{token}', valueType: ValueType.INT });
    const usagePoints = points(usage);
    expect(usagePoints).toHaveLength(4);
    expect(usagePoints.find((p) => p.attributes['gen_ai.token.type'] === 'input')?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.token.type': 'input',
    });
    const openaiInput = usagePoints.find(
      (p) =>
        p.attributes['gen_ai.token.type'] === 'input' && p.attributes['gen_ai.provider.name'] === 'openai',
    );
    expect(openaiInput?.value).toMatchObject({ count: 1, sum: 120 });
    expect(openaiInput?.value.buckets.boundaries).toEqual(TOKEN_USAGE_BUCKETS);
    expect(usagePoints.some((p) => p.attributes['gen_ai.provider.name'] === 'mistral_ai')).toBe(true);

    const duration = byName.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const durationPoints = points(duration);
    expect(durationPoints).toHaveLength(2);
    const openaiDuration = durationPoints.find((p) => p.attributes['gen_ai.provider.name'] === 'openai');
    expect(openaiDuration?.value.sum).toBeCloseTo(0.42, 6);
    expect(openaiDuration?.value.buckets.boundaries).toEqual(DURATION_BUCKETS);
    // 0.42 s falls in the (0.32, 0.64] bucket.
    expect(openaiDuration?.value.buckets.counts[DURATION_BUCKETS.indexOf(0.64)]).toBe(1);

    const firstChunk = byName.get('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk?.descriptor.unit).toBe('s');
    const chunkPoints = points(firstChunk);
    expect(chunkPoints.map((p) => p.value.sum).sort()).toEqual([0.12, 0.3]);
    expect(chunkPoints[0]?.value.buckets.boundaries).toEqual(DURATION_BUCKETS);
  });

  it('adds error.type to the duration of failed calls and skips what the conventions exclude', async () => {
    const exporter = genAiMetricsExporter({ meterProvider: provider });
    await exporter.export([
      makeSpan({
        status: 'error',
        error: { type: 'RateLimitError', httpStatus: 429 },
        usage: undefined,
        ttftMs: undefined,
        responseModel: undefined,
      }),
      makeSpan({ status: 'error', error: undefined, usage: undefined, ttftMs: undefined }),
      // Not streamed: no time to first chunk.
      makeSpan({ request: { stream: false }, ttftMs: 50 }),
      // A character-based estimate is not recorded as token usage by default.
      makeSpan({ usage: { input: 10, output: 2, source: 'estimate' }, ttftMs: undefined }),
      // Not a model call.
      makeSpan({ kind: 'tool', operation: 'execute_tool', usage: undefined }),
      makeSpan({ kind: 'chain', operation: undefined, usage: undefined }),
    ]);
    const byName = await collected();
    const duration = points(byName.get('gen_ai.client.operation.duration'));
    const errorTypes = duration.map((p) => p.attributes['error.type']).sort();
    expect(errorTypes).toEqual(['RateLimitError', '_OTHER', undefined]);
    const rateLimited = duration.find((p) => p.attributes['error.type'] === 'RateLimitError');
    expect(rateLimited?.attributes['gen_ai.response.model']).toBeUndefined();
    const okPoint = duration.find((p) => p.attributes['error.type'] === undefined);
    expect(okPoint?.value.count).toBe(2);
    expect(byName.has('gen_ai.client.operation.time_to_first_chunk')).toBe(false);
    const usage = points(byName.get('gen_ai.client.token.usage'));
    expect(usage.reduce((n, p) => n + p.value.count, 0)).toBe(2); // only the non-streamed span: input + output
  });

  it('uses the global MeterProvider and flows from { type: "otlp", bridge: true, metrics: true } through telemetry', async () => {
    metrics.setGlobalMeterProvider(provider);
    const telemetry = createTelemetry(
      { exporter: createExporter({ type: 'otlp', bridge: true, metrics: true }), flushOnExit: false },
      {},
    );
    const span = telemetry.startSpan({
      name: 'chat gpt-4o-mini',
      kind: 'llm',
      provider: 'openai',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      request: { stream: true },
    });
    span.markFirstToken();
    span.setUsage({ input: 30, output: 7 });
    span.end();
    await telemetry.flush();
    await telemetry.shutdown();
    const byName = await collected();
    expect(points(byName.get('gen_ai.client.operation.duration'))[0]?.value.count).toBe(1);
    expect(points(byName.get('gen_ai.client.operation.time_to_first_chunk'))[0]?.value.count).toBe(1);
    const usage = points(byName.get('gen_ai.client.token.usage'));
    expect(usage.map((p) => [p.attributes['gen_ai.token.type'], p.value.sum]).sort()).toEqual([
      ['input', 30],
      ['output', 7],
    ]);
  });

  it('never throws and always reports success, even when the provider fails', async () => {
    const broken = {
      getMeter: () => {
        throw new Error('meter down');
      },
    };
    const exporter = genAiMetricsExporter({ meterProvider: broken });
    await expect(exporter.export([makeSpan()])).resolves.toEqual({ code: 'success' });
    await expect(exporter.forceFlush?.()).resolves.toBeUndefined();
    await exporter.shutdown();
    await expect(exporter.export([makeSpan()])).resolves.toEqual({ code: 'success' });
  });
});
