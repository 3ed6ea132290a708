export { mapPrompt } from './map-prompt';
export { mapUsage } from './map-usage';
export type { TaplineProviderOptions } from './read-tapline-options';
export {
  type TaplineEmbeddingMiddleware,
  type TaplineEmbeddingMiddlewareOptions,
  taplineEmbeddingMiddleware,
} from './tapline-embedding-middleware';
export {
  type MiddlewareVersion,
  type TaplineMiddleware,
  type TaplineMiddlewareOptions,
  taplineMiddleware,
} from './tapline-middleware';
export {
  type TaplineTelemetryIntegration,
  type TaplineTelemetryOptions,
  taplineTelemetry,
} from './tapline-telemetry';
