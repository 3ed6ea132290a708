import { describe, expect, it } from 'vitest';
import { type OtlpProtocol, otlpExporter } from '../src/otlp/otlp-exporter';
import { makeSpan } from './make-span';
import { collectedSpans, otelcolEndpoints } from './otelcol-output';
import { waitFor } from './wait-for';

const protocols: OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

describe('otlpExporter against a real OpenTelemetry Collector', () => {
  it.each(protocols)('delivers GenAI spans over %s', async (protocol) => {
    const endpoints = otelcolEndpoints();
    const exporter = otlpExporter({
      protocol,
      endpoint: protocol === 'grpc' ? endpoints.grpc : endpoints.http,
      headers: { 'x-test': 'yes' },
    });
    const parent = makeSpan({
      kind: 'agent',
      operation: undefined,
      requestModel: undefined,
      responseModel: undefined,
      name: 'planner',
    });
    const llm = makeSpan({
      traceId: parent.traceId,
      parentSpanId: parent.spanId,
      appName: `svc-${protocol}`,
      usage: {
        input: 1200,
        output: 300,
        total: 1500,
        cachedInput: 1000,
        cacheWrite: 100,
        reasoning: 50,
        source: 'provider',
      },
      metadata: { tenant: 'acme', tags: ['a', 'b'], nested: { x: 1 } },
    });
    const failed = makeSpan({
      traceId: parent.traceId,
      provider: 'anthropic',
      operation: 'chat',
      requestModel: 'claude-sonnet-4',
      status: 'error',
      error: { type: 'RateLimitError', httpStatus: 429, message: 'slow down' },
    });
    expect(await exporter.export([parent, llm, failed])).toEqual({ code: 'success' });
    await waitFor(
      () => collectedSpans().filter((span) => span.traceId === parent.traceId).length === 3,
      'three spans at the collector',
    );
    const spans = new Map(
      collectedSpans()
        .filter((span) => span.traceId === parent.traceId)
        .map((span) => [span.spanId, span]),
    );
    const chat = spans.get(llm.spanId);
    expect(chat?.name).toBe('chat gpt-4o-mini');
    expect(chat?.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(chat?.parentSpanId).toBe(parent.spanId);
    expect(chat?.resource['service.name']).toBe(`svc-${protocol}`);
    expect(chat?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': llm.responseId,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.cache_creation.input_tokens': 100,
      'gen_ai.usage.reasoning.output_tokens': 50,
      'tapline.usage.source': 'provider',
      'tapline.cost.usd': 0.000042,
      'tapline.ttft_ms': 120,
      'tapline.metadata.tenant': 'acme',
      'tapline.metadata.tags': ['a', 'b'],
      'tapline.metadata.nested': '{"x":1}',
    });
    expect(chat?.attributes['gen_ai.system']).toBeUndefined();
    const error = spans.get(failed.spanId);
    expect(error?.name).toBe('chat claude-sonnet-4');
    expect(error?.attributes['error.type']).toBe('RateLimitError');
    expect(error?.attributes['gen_ai.provider.name']).toBe('anthropic');
    expect(error?.status?.code).toBe(2); // STATUS_CODE_ERROR
    const agent = spans.get(parent.spanId);
    expect(agent?.name).toBe('invoke_agent');
    expect(agent?.kind).toBe(1); // SPAN_KIND_INTERNAL
    await exporter.shutdown();
    await exporter.shutdown();
  });

  it('reports an unreachable collector as retryable, without throwing', async () => {
    const exporter = otlpExporter({ protocol: 'http/json', endpoint: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect((await exporter.export([makeSpan()])).code).toBe('retryable');
    await exporter.shutdown();
  });
});
