// Temporary: core's index.ts until the lead exports the instrument helpers and usage normalizers.

export { normalizeAnthropicUsage, normalizeOpenAIUsage } from '../../core/src/cost/index';
export * from '../../core/src/index';
export * from '../../core/src/instrument/index';
