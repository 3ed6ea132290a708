export { assertValidSpan, checkedMemoryExporter } from './checked-memory-exporter';
export { type MockServer, type MockServerOptions, startMockServer } from './mock-server';
export { resolveModelSnapshot } from './model-snapshot';
export { type PackageExports, packageExports } from './package-exports';
export type { RecordedRequest } from './recorded-request';
export type {
  ScriptedError,
  ScriptedReply,
  ScriptedStreamError,
  ScriptedToolCall,
  ScriptedUsage,
} from './scripted-reply';
export {
  createTestTelemetry,
  startTelemetryHarness,
  type TelemetryHarness,
  type TestTelemetry,
} from './telemetry-harness';
