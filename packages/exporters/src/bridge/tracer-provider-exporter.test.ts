import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createTelemetry, type TaplineConfig, type Telemetry } from '@tapline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { createExporter } from '../create-exporter';
import { tracerProviderExporter } from './tracer-provider-exporter';

let provider: BasicTracerProvider;
let otelSpans: InMemorySpanExporter;
const instances: Telemetry[] = [];

beforeEach(() => {
  otelSpans = new InMemorySpanExporter();
  provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(otelSpans)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});

afterEach(async () => {
  await Promise.all(instances.splice(0).map((t) => t.shutdown()));
  trace.disable();
  context.disable();
  await provider.shutdown();
});

function telemetryWith(exporter: TaplineConfig['exporter']): Telemetry {
  const telemetry = createTelemetry({ exporter, flushOnExit: false, appName: 'bridge-tests' }, {});
  instances.push(telemetry);
  return telemetry;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/** What an instrumented client does around a model call: start, await the response, record, end. */
async function fakeLlmCall(telemetry: Telemetry, model = 'gpt-4o-mini'): Promise<string> {
  const span = telemetry.startSpan({
    name: `chat ${model}`,
    kind: 'llm',
    integration: 'openai',
    provider: 'openai',
    operation: 'chat',
    requestModel: model,
  });
  await tick();
  span.setUsage({ input: 12, output: 3, total: 15 });
  span.end();
  return 'hello';
}

function byName(name: string): ReadableSpan {
  const found = otelSpans.getFinishedSpans().find((span) => span.name === name);
  if (!found) throw new Error(`no span named ${name}: ${otelSpans.getFinishedSpans().map((s) => s.name)}`);
  return found;
}

describe('tracerProviderExporter (bridge mode)', () => {
  it('nests an LLM span under the active OpenTelemetry span (the HTTP request that made it)', async () => {
    const telemetry = telemetryWith(tracerProviderExporter());
    const tracer = trace.getTracer('app');
    let http: { traceId: string; spanId: string } | undefined;
    await tracer.startActiveSpan('http request', async (span) => {
      http = span.spanContext();
      await tick();
      await fakeLlmCall(telemetry);
      span.end();
    });
    await telemetry.flush();

    const llm = byName('chat gpt-4o-mini');
    expect(llm.spanContext().traceId).toBe(http?.traceId);
    expect(llm.parentSpanContext?.spanId).toBe(http?.spanId);
    expect(llm.kind).toBe(SpanKind.CLIENT);
    expect(llm.status.code).toBe(SpanStatusCode.OK);
    expect(llm.instrumentationScope.name).toBe('@tapline/exporters');
    expect(llm.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'tapline.trace_id': http?.traceId,
    });
    expect(llm.attributes['tapline.span_id']).toMatch(/^[0-9a-f]{16}$/);
    // The span keeps the record's own times: it started after the request span and lasted at least the tick.
    const ms = (t: [number, number]) => t[0] * 1000 + t[1] / 1e6;
    const request = byName('http request');
    expect(ms(llm.startTime)).toBeGreaterThanOrEqual(ms(request.startTime));
    expect(ms(llm.endTime) - ms(llm.startTime)).toBeGreaterThanOrEqual(1);
    expect(ms(llm.endTime)).toBeLessThanOrEqual(ms(request.endTime) + 1);
  });

  it('rebuilds a Tapline tree under the request span, even when children are exported before the parent', async () => {
    const exporter = tracerProviderExporter();
    const telemetry = telemetryWith(exporter);
    const tracer = trace.getTracer('app');
    let http: { traceId: string; spanId: string } | undefined;
    await tracer.startActiveSpan('http request', async (span) => {
      http = span.spanContext();
      await telemetry.span(
        'support agent',
        async () => {
          await fakeLlmCall(telemetry, 'gpt-4o');
          await telemetry.span('lookup order', async () => tick(), {
            kind: 'tool',
            operation: 'execute_tool',
          });
          // The children leave in their own batch, before the agent span ends.
          await telemetry.flush();
          expect(exporter.stats().held).toBe(2);
        },
        { kind: 'agent' },
      );
      span.end();
    });
    await telemetry.flush();

    const agent = byName('invoke_agent');
    const llm = byName('chat gpt-4o');
    const tool = byName('execute_tool');
    expect(agent.parentSpanContext?.spanId).toBe(http?.spanId);
    expect(llm.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect(tool.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    for (const span of [agent, llm, tool]) expect(span.spanContext().traceId).toBe(http?.traceId);
    expect(tool.kind).toBe(SpanKind.INTERNAL);
    expect(exporter.stats()).toEqual({ bridged: 3, orphaned: 0, held: 0 });
  });

  it('gives a Tapline root span a new trace from the provider and nests its children under it', async () => {
    const telemetry = telemetryWith(tracerProviderExporter());
    await telemetry.span('nightly job', async () => {
      await fakeLlmCall(telemetry);
    });
    await telemetry.flush();
    const root = byName('nightly job');
    const llm = byName('chat gpt-4o-mini');
    expect(root.parentSpanContext).toBeUndefined();
    expect(llm.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(llm.spanContext().traceId).toBe(root.spanContext().traceId);
  });

  it('sends a child whose parent never comes under the parent id after maxHoldMs, and on overflow', async () => {
    const exporter = tracerProviderExporter({ maxHoldMs: 30, maxHeldSpans: 2, parentFromActiveSpan: false });
    const parentSpanId = 'aaaaaaaaaaaaaaaa';
    const traceId = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    await exporter.export([
      makeSpan({ traceId, parentSpanId, name: 'a', requestModel: 'm-a' }),
      makeSpan({ traceId, parentSpanId: 'cccccccccccccccc', name: 'b', requestModel: 'm-b' }),
      makeSpan({ traceId, parentSpanId: 'dddddddddddddddd', name: 'c', requestModel: 'm-c' }),
    ]);
    // Three held, cap two: the oldest group went out at once.
    expect(exporter.stats()).toEqual({ bridged: 1, orphaned: 1, held: 2 });
    const first = byName('chat m-a');
    expect(first.parentSpanContext).toMatchObject({ traceId, spanId: parentSpanId, isRemote: true });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(exporter.stats()).toEqual({ bridged: 3, orphaned: 3, held: 0 });
    await exporter.shutdown();
  });

  it('is what { type: "otlp", bridge: true } builds (no retry, no spool), and stops resolving parents on shutdown', async () => {
    const exporter = createExporter({ type: 'otlp', bridge: true });
    const telemetry = telemetryWith(exporter);
    const tracer = trace.getTracer('app');
    await tracer.startActiveSpan('http request', async (span) => {
      await fakeLlmCall(telemetry);
      span.end();
    });
    await telemetry.flush();
    expect(byName('chat gpt-4o-mini').parentSpanContext?.spanId).toBe(
      byName('http request').spanContext().spanId,
    );
    await telemetry.shutdown();

    const plain = telemetryWith([]);
    const recorded: string[] = [];
    await tracer.startActiveSpan('http request 2', async (span) => {
      const tapline = plain.startSpan({ name: 'after shutdown' });
      recorded.push(tapline.traceId);
      tapline.end();
      expect(recorded[0]).not.toBe(span.spanContext().traceId);
      span.end();
    });
  });

  it('never throws when the provider fails, and reports success', async () => {
    const broken = {
      getTracer: () => {
        throw new Error('provider down');
      },
    };
    const exporter = tracerProviderExporter({ tracerProvider: broken, parentFromActiveSpan: false });
    await expect(exporter.export([makeSpan()])).resolves.toEqual({ code: 'success' });
    await exporter.shutdown();
    await expect(exporter.shutdown()).resolves.toBeUndefined();
  });
});
