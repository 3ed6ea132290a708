import {
  consoleExporter,
  type Diagnostics,
  type ExporterDescription,
  fanOutExporter,
  type SpanExporter,
  silentDiagnostics,
} from '@tapline/core';
import {
  type TracerProviderExporterOptions,
  tracerProviderExporter,
} from './bridge/tracer-provider-exporter';
import { envHeaders, envNumber, envString } from './exporter-env';
import { httpExporter } from './http/http-exporter';
import { kafkaExporter } from './kafka/kafka-exporter';
import { type GenAiMetricsExporterOptions, genAiMetricsExporter } from './metrics/gen-ai-metrics-exporter';
import { otlpExporter } from './otlp/otlp-exporter';
import { type SpoolOptions, withSpool } from './spool/with-spool';
import { type RetryOptions, withRetry } from './wrap/with-retry';

type Env = Record<string, string | undefined>;

/** Options every description may carry besides its exporter's own. */
export interface WrapperDescription {
  /** Retry options, or `false` for none. Default: withRetry defaults. */
  retry?: RetryOptions | false;
  /** A spool directory (or options) to keep batches on disk while the destination is down. Default: none. */
  spool?: string | SpoolOptions;
}

function option<T>(description: Record<string, unknown>, key: string): T | undefined {
  return description[key] as T | undefined;
}

function spoolOptions(
  description: Record<string, unknown>,
  env: Env,
  diag: Diagnostics,
): SpoolOptions | undefined {
  const spool = option<string | SpoolOptions>(description, 'spool');
  if (typeof spool === 'object') return { diag, ...spool };
  const dir = spool ?? envString(env, 'TAPLINE_SPOOL_DIR');
  if (!dir) return undefined;
  const maxBytes = envNumber(env, 'TAPLINE_SPOOL_MAX_BYTES');
  const fsync = envString(env, 'TAPLINE_SPOOL_FSYNC');
  return {
    dir,
    diag,
    ...(maxBytes ? { maxBytes } : {}),
    ...(fsync === 'never' || fsync === 'always' ? { fsync } : {}),
  };
}

/** `{ type: 'otlp', bridge: true }` (or TAPLINE_OTLP_BRIDGE=true): spans go through the app's TracerProvider. */
function isBridge(description: ExporterDescription, env: Env): boolean {
  if (description.type !== 'otlp') return false;
  const bridge = (description as Record<string, unknown>).bridge;
  return bridge === undefined ? envString(env, 'TAPLINE_OTLP_BRIDGE') === 'true' : bridge === true;
}

/** `{ type: 'otlp', metrics: true }` (or TAPLINE_OTLP_METRICS=true): also record the GenAI client metrics. */
function wantsMetrics(description: ExporterDescription, env: Env): boolean {
  if (description.type !== 'otlp') return false;
  const wanted = (description as Record<string, unknown>).metrics;
  return wanted === undefined ? envString(env, 'TAPLINE_OTLP_METRICS') === 'true' : wanted === true;
}

function baseExporter(description: ExporterDescription, env: Env, diag: Diagnostics): SpanExporter {
  const d = description as Record<string, unknown>;
  if (isBridge(description, env))
    return tracerProviderExporter({ diag, ...option<TracerProviderExporterOptions>(d, 'bridgeOptions') });
  switch (description.type) {
    case 'http':
      return httpExporter({
        ...d,
        url: description.url,
        headers: { ...envHeaders(env, 'TAPLINE_HTTP_HEADERS'), ...description.headers },
        timeoutMs: option<number>(d, 'timeoutMs') ?? envNumber(env, 'TAPLINE_HTTP_TIMEOUT_MS'),
        gzipAboveBytes:
          option<number | false>(d, 'gzipAboveBytes') ?? envNumber(env, 'TAPLINE_HTTP_GZIP_ABOVE_BYTES'),
      });
    case 'kafka': {
      const mechanism = envString(env, 'TAPLINE_KAFKA_SASL_MECHANISM');
      return kafkaExporter({
        ...(mechanism
          ? {
              sasl: {
                mechanism: mechanism as 'PLAIN',
                username: envString(env, 'TAPLINE_KAFKA_SASL_USERNAME'),
                password: envString(env, 'TAPLINE_KAFKA_SASL_PASSWORD'),
              },
            }
          : {}),
        ...(envString(env, 'TAPLINE_KAFKA_TLS') === 'true' ? { tls: true } : {}),
        clientId: envString(env, 'TAPLINE_KAFKA_CLIENT_ID'),
        compression: envString(env, 'TAPLINE_KAFKA_COMPRESSION') as 'gzip' | undefined,
        ...d,
        brokers: description.brokers,
        topic: description.topic,
      });
    }
    case 'otlp':
      return otlpExporter({
        ...d,
        headers: { ...envHeaders(env, 'TAPLINE_OTLP_HEADERS'), ...description.headers },
      });
    case 'console':
      return consoleExporter({ format: description.format });
    default:
      return { export: async () => ({ code: 'success' }), shutdown: async () => {} };
  }
}

/**
 * Builds the exporter a description asks for, wrapped once, at setup: base exporter → withRetry (unless
 * `retry: false`) → withSpool (when `spool` or TAPLINE_SPOOL_DIR is set). Options in the description win over
 * the exporter's `TAPLINE_*` variables.
 */
export function createExporter(
  description: ExporterDescription,
  diag: Diagnostics = silentDiagnostics,
  env: Env = process.env,
): SpanExporter {
  let exporter = baseExporter(description, env, diag);
  if (description.type === 'console' || description.type === 'none') return exporter;
  const d = description as Record<string, unknown>;
  // The bridge hands spans to the app's provider, which owns delivery: nothing to retry or spool.
  if (!isBridge(description, env)) {
    const retry = option<RetryOptions | false>(d, 'retry');
    if (retry !== false) exporter = withRetry(exporter, retry ?? {});
    const spool = spoolOptions(d, env, diag);
    if (spool) exporter = withSpool(exporter, spool);
  }
  if (wantsMetrics(description, env)) {
    const options = option<GenAiMetricsExporterOptions>(d, 'metricsOptions');
    exporter = fanOutExporter([exporter, genAiMetricsExporter({ diag, ...options })]);
  }
  return exporter;
}
