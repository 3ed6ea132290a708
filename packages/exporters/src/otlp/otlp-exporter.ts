import { ExportResultCode } from '@opentelemetry/core';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanExporter as OtelSpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ExportResult, SpanExporter, SpanRecord } from '@tapline/core';
import { isRetryableStatus } from '../shared/classify-status';
import { toReadableSpan } from './to-readable-span';

export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

export interface OtlpExporterOptions {
  /** Base URL (`http://host:4318` for HTTP, `http://host:4317` for gRPC) or the full `/v1/traces` URL. */
  endpoint?: string;
  /** Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  headers?: Record<string, string>;
  /** Per export, including the OTel exporter's own retries. Default 10000 ms. */
  timeoutMs?: number;
  /** `gzip` or `none` (default). */
  compression?: 'gzip' | 'none';
  /** `service.name` when a span has no `appName`. Default `unknown_service`. */
  serviceName?: string;
}

const DEFAULT_ENDPOINT = { http: 'http://localhost:4318', grpc: 'http://localhost:4317' };

function tracesUrl(endpoint: string): string {
  return /\/v1\/traces\/?$/.test(endpoint) ? endpoint : `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

async function createOtelExporter(options: OtlpExporterOptions): Promise<OtelSpanExporter> {
  const protocol = options.protocol ?? 'http/protobuf';
  const common = {
    timeoutMillis: options.timeoutMs ?? 10_000,
    ...(options.compression ? { compression: options.compression as never } : {}),
  };
  if (protocol === 'grpc') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-grpc');
    const { Metadata } = await import('@grpc/grpc-js');
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(options.headers ?? {})) metadata.set(key, value);
    return new OTLPTraceExporter({ ...common, url: options.endpoint ?? DEFAULT_ENDPOINT.grpc, metadata });
  }
  const config = {
    ...common,
    url: tracesUrl(options.endpoint ?? DEFAULT_ENDPOINT.http),
    headers: { ...options.headers },
  };
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(config);
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter(config);
}

function classify(error: unknown): ExportResult {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number' && code >= 400 && code < 500 && !isRetryableStatus(code)) {
    return { code: 'failed', error };
  }
  return { code: 'retryable', error };
}

/**
 * Sends spans as OTLP traces through the OpenTelemetry JS SDK's own exporters (OTLP/HTTP protobuf or JSON, or
 * gRPC), mapped onto the GenAI semantic conventions. `service.name` comes from each span's `appName`.
 */
export function otlpExporter(options: OtlpExporterOptions = {}): SpanExporter {
  let exporter: Promise<OtelSpanExporter> | undefined;
  const resources = new Map<string, Resource>();
  let closed = false;

  const resourceOf = (record: SpanRecord): Resource => {
    const service = record.appName ?? options.serviceName ?? 'unknown_service';
    const key = `${service}\u0000${record.environment ?? ''}`;
    let resource = resources.get(key);
    if (!resource) {
      if (resources.size >= 64) resources.clear();
      resource = resourceFromAttributes({
        'service.name': service,
        ...(record.environment ? { 'deployment.environment.name': record.environment } : {}),
        'telemetry.sdk.name': record.sdk.name,
        'telemetry.sdk.version': record.sdk.version,
        'telemetry.sdk.language': 'nodejs',
      });
      resources.set(key, resource);
    }
    return resource;
  };

  return {
    async export(spans) {
      if (closed) return { code: 'failed', error: new Error('OTLP exporter is shut down') };
      if (spans.length === 0) return { code: 'success' };
      try {
        exporter ??= createOtelExporter(options);
        const target = await exporter;
        const readable: ReadableSpan[] = spans.map((record) => toReadableSpan(record, resourceOf(record)));
        return await new Promise<ExportResult>((resolve) => {
          target.export(readable, (result) => {
            resolve(result.code === ExportResultCode.SUCCESS ? { code: 'success' } : classify(result.error));
          });
        });
      } catch (error) {
        return { code: 'failed', error };
      }
    },
    async forceFlush() {
      if (exporter) await (await exporter).forceFlush?.();
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      if (exporter) await (await exporter.catch(() => undefined))?.shutdown();
    },
  };
}
