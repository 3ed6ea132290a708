import type { SpanUsage } from '../span/span-record';
import { setPart } from './normalize-openai-usage';

/** Usage as Anthropic's Messages API returns it (also `message_start` / `message_delta` events, merged). */
export interface AnthropicUsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Anthropic usage in Tapline's normalized form. Anthropic's `input_tokens` excludes cache reads and cache writes,
 * so `input = input_tokens + cache_read_input_tokens + cache_creation_input_tokens`, with
 * `cachedInput = cache_read_input_tokens` and `cacheWrite = cache_creation_input_tokens`. `output =
 * output_tokens` (which already includes extended-thinking tokens; Anthropic reports no separate reasoning count).
 * Undefined when neither input nor output was reported.
 */
export function normalizeAnthropicUsage(usage: AnthropicUsageLike | null | undefined): SpanUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const hasInput = typeof usage.input_tokens === 'number';
  const hasOutput = typeof usage.output_tokens === 'number';
  if (!hasInput && !hasOutput) return undefined;
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const result: SpanUsage = { source: 'provider' };
  if (hasInput) result.input = count(usage.input_tokens) + cacheRead + cacheWrite;
  if (hasOutput) result.output = count(usage.output_tokens);
  if (result.input !== undefined && result.output !== undefined) result.total = result.input + result.output;
  setPart(result, 'cachedInput', cacheRead);
  setPart(result, 'cacheWrite', cacheWrite);
  return result;
}
