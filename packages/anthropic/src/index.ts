export { type CallTelemetryOptions, withTelemetry } from '@tapline/core';
export { type WrapAnthropicOptions, wrapAnthropic } from './wrap-anthropic';
