import { type Attributes, type Histogram, type MeterProvider, metrics, ValueType } from '@opentelemetry/api';
import {
  type Diagnostics,
  type SpanExporter,
  type SpanRecord,
  silentDiagnostics,
  type UsageSource,
} from '@tapline/core';
import { operationName, providerName } from '../otlp/gen-ai-attributes';
import { INSTRUMENTATION_SCOPE } from '../otlp/to-readable-span';
import { GEN_AI_CLIENT_METRICS, type GenAiHistogramDefinition } from './gen-ai-metric-definitions';

export interface GenAiMetricsExporterOptions {
  /** The app's provider. Default: the global one (`metrics.getMeterProvider()`), looked up at each export. */
  meterProvider?: MeterProvider;
  /**
   * Token counts from these sources are recorded. Default `['provider', 'tokenizer']`: a character-based
   * estimate is too rough for a usage histogram (the conventions allow offline counting, not guessing).
   */
  usageSources?: readonly UsageSource[];
  diag?: Diagnostics;
}

interface Instruments {
  provider: MeterProvider;
  tokenUsage: Histogram;
  operationDuration: Histogram;
  timeToFirstChunk: Histogram;
}

function histogram(
  provider: MeterProvider,
  definition: GenAiHistogramDefinition,
  integer: boolean,
): Histogram {
  return provider
    .getMeter(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version)
    .createHistogram(definition.name, {
      unit: definition.unit,
      description: definition.description,
      ...(integer ? { valueType: ValueType.INT } : {}),
      advice: { explicitBucketBoundaries: [...definition.buckets] },
    });
}

/** The attributes every GenAI client metric carries (low cardinality: no ids, no user data). */
export function metricAttributes(record: SpanRecord, operation: string): Attributes {
  const attributes: Attributes = { 'gen_ai.operation.name': operation };
  const provider = providerName(record);
  if (provider) attributes['gen_ai.provider.name'] = provider;
  if (record.requestModel) attributes['gen_ai.request.model'] = record.requestModel;
  if (record.responseModel) attributes['gen_ai.response.model'] = record.responseModel;
  return attributes;
}

/**
 * Records the GenAI client metrics from finished model-call spans (kind `llm` and `embedding`) on the app's
 * `MeterProvider`: `gen_ai.client.operation.duration` (s), `gen_ai.client.token.usage` ({token}, one point per
 * token type) and, for streams, `gen_ai.client.operation.time_to_first_chunk` (s), each with the conventions'
 * advisory bucket boundaries. An exporter so that it composes like the others (`{ type: 'otlp', metrics: true }`
 * fans out to it); it always reports success and never throws.
 */
export function genAiMetricsExporter(options: GenAiMetricsExporterOptions = {}): SpanExporter {
  const diag = options.diag ?? silentDiagnostics;
  const sources = new Set<UsageSource>(options.usageSources ?? ['provider', 'tokenizer']);
  let instruments: Instruments | undefined;
  let closed = false;

  const instrumentsFor = (provider: MeterProvider): Instruments => {
    if (instruments?.provider !== provider) {
      instruments = {
        provider,
        tokenUsage: histogram(provider, GEN_AI_CLIENT_METRICS.tokenUsage, true),
        operationDuration: histogram(provider, GEN_AI_CLIENT_METRICS.operationDuration, false),
        timeToFirstChunk: histogram(provider, GEN_AI_CLIENT_METRICS.timeToFirstChunk, false),
      };
    }
    return instruments;
  };

  const record = (target: Instruments, span: SpanRecord): void => {
    if (span.kind !== 'llm' && span.kind !== 'embedding') return;
    const operation = operationName(span);
    if (!operation) return;
    const attributes = metricAttributes(span, operation);
    const failed = span.status === 'error' || span.error !== undefined;
    target.operationDuration.record(
      span.durationMs / 1000,
      failed ? { ...attributes, 'error.type': span.error?.type ?? '_OTHER' } : attributes,
    );
    if (span.ttftMs !== undefined && span.request?.stream !== false)
      target.timeToFirstChunk.record(span.ttftMs / 1000, attributes);
    const usage = span.usage;
    if (usage && sources.has(usage.source)) {
      if (usage.input !== undefined)
        target.tokenUsage.record(usage.input, { ...attributes, 'gen_ai.token.type': 'input' });
      if (usage.output !== undefined)
        target.tokenUsage.record(usage.output, { ...attributes, 'gen_ai.token.type': 'output' });
    }
  };

  return {
    async export(spans) {
      if (closed) return { code: 'success' };
      try {
        const target = instrumentsFor(options.meterProvider ?? metrics.getMeterProvider());
        for (const span of spans) record(target, span);
      } catch (error) {
        diag.warnOnce('gen-ai-metrics', 'GenAI metrics: the MeterProvider rejected a measurement', error);
      }
      return { code: 'success' };
    },
    async forceFlush() {
      const provider = (options.meterProvider ?? metrics.getMeterProvider()) as {
        forceFlush?: () => Promise<void>;
      };
      try {
        await provider.forceFlush?.();
      } catch (error) {
        diag.warnOnce('gen-ai-metrics-flush', 'GenAI metrics: MeterProvider.forceFlush failed', error);
      }
    },
    async shutdown() {
      // The provider is the app's: never shut it down.
      closed = true;
    },
  };
}
