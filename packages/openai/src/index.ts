export { type CallTelemetryOptions, withTelemetry } from '@tapline/core';
export { type WrapOpenAIOptions, wrapOpenAI } from './wrap-openai';
