export { TaplineConfigError } from './config/config-error';
export { configFromEnv, ENV_VARIABLES } from './config/env-config';
export { mergeConfig, type ResolvedConfig, resolveConfig } from './config/resolve-config';
export type {
  CaptureContent,
  ExporterDescription,
  ExporterOption,
  TaplineConfig,
} from './config/telemetry-config';
export { type ContextManager, type ContextState, contextManager } from './context/context-manager';
export {
  type ExternalParent,
  hasParentResolver,
  type ParentResolver,
  registerParentResolver,
} from './context/parent-resolver';
export * from './cost/index';
export {
  createDiagnostics,
  type Diagnostics,
  type DiagnosticsSink,
  type LogLevel,
  silentDiagnostics,
} from './diagnostics/diagnostics';
export { guard, reportInternalError } from './diagnostics/guard';
export { type ConsoleExporterOptions, consoleExporter, formatSpanLine } from './export/console-exporter';
export {
  type ExporterFactory,
  exporterFromDescription,
  registerExporterFactory,
} from './export/exporter-registry';
export { fanOutExporter } from './export/fan-out-exporter';
export { type MemoryExporter, memoryExporter } from './export/memory-exporter';
export { EXPORT_SUCCESS, type ExportResult, type SpanExporter } from './export/span-exporter';
export * from './instrument/index';
export type { SpanStage, StageContext } from './pipeline/span-stage';
export type { TelemetryStats } from './pipeline/telemetry-stats';
export * from './privacy/index';
export * from './sampling/index';
export { monotonicNow } from './span/clock';
export { describeError } from './span/describe-error';
export { isValidSpanId, isValidTraceId, newSpanId, newTraceId } from './span/ids';
export { DEFAULT_METADATA_LIMITS, type MetadataLimits, sanitizeMetadata } from './span/sanitize-metadata';
export { noopSpan, type Span } from './span/span';
export type { ContentSource, Identity, SpanData, SpanFields, UsageInput } from './span/span-data';
export type {
  ContentMessage,
  MetadataValue,
  SpanContent,
  SpanCost,
  SpanError,
  SpanFlags,
  SpanKind,
  SpanRecord,
  SpanRequestParams,
  SpanSdk,
  SpanStatus,
  SpanToolCalls,
  SpanUsage,
  UsageSource,
} from './span/span-record';
export { SCHEMA_VERSION } from './span/span-record';
export { SDK_NAME, SDK_VERSION } from './span/version';
export {
  createTelemetry,
  type ParentRef,
  type StartSpanOptions,
  type Telemetry,
} from './telemetry/create-telemetry';
export { configure, getTelemetry } from './telemetry/default-telemetry';
export * from './tokens/index';
