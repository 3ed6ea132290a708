import { registerExporters } from './register-exporters';

// Importing this package (core does so lazily for otlp/http/kafka descriptions) registers its factories.
registerExporters();

export {
  type BridgeStats,
  type TracerProviderExporter,
  type TracerProviderExporterOptions,
  tracerProviderExporter,
} from './bridge/tracer-provider-exporter';
export { createExporter, type WrapperDescription } from './create-exporter';
export { EXPORTER_ENV_VARIABLES } from './exporter-env';
export { type BatchEnvelope, batchEnvelope, batchIdOf } from './http/batch-envelope';
export { HTTP_EXPORTER_DEFAULTS, type HttpExporterOptions, httpExporter } from './http/http-exporter';
export { type KafkaExporterOptions, kafkaExporter, SCHEMA_VERSION_HEADER } from './kafka/kafka-exporter';
export {
  DURATION_BUCKETS,
  GEN_AI_CLIENT_METRICS,
  type GenAiHistogramDefinition,
  TOKEN_USAGE_BUCKETS,
} from './metrics/gen-ai-metric-definitions';
export {
  type GenAiMetricsExporterOptions,
  genAiMetricsExporter,
  metricAttributes,
} from './metrics/gen-ai-metrics-exporter';
export { GEN_AI_SEMCONV_VERSION, genAiAttributes, spanName } from './otlp/gen-ai-attributes';
export { type OtlpExporterOptions, type OtlpProtocol, otlpExporter } from './otlp/otlp-exporter';
export { registerExporters } from './register-exporters';
export type { FsyncPolicy } from './spool/disk-spool';
export { type SpoolingExporter, type SpoolOptions, type SpoolStats, withSpool } from './spool/with-spool';
export { RETRY_DEFAULTS, type RetryOptions, withRetry } from './wrap/with-retry';
export { withTimeout } from './wrap/with-timeout';
