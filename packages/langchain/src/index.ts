export { classifyError } from './classify-error';
export { usageFromMetadata, usageFromTokenUsage } from './map-usage';
export { RunDeadlineError } from './run-registry';
export { TaplineCallbackHandler } from './tapline-callback-handler';
export type { TaplineCallbackHandlerOptions } from './tapline-callback-handler-options';
