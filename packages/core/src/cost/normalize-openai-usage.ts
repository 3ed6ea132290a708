import type { SpanUsage } from '../span/span-record';

/** Usage as OpenAI returns it: Chat Completions (`prompt_tokens` …), Responses (`input_tokens` …), DeepSeek. */
export interface OpenAIUsageLike {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  input_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek's name for cached prompt tokens. */
  prompt_cache_hit_tokens?: number | null;
}

function count(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Sets the parts that are positive; zero parts are left out to keep spans small. */
export function setPart(
  usage: SpanUsage,
  key: 'cachedInput' | 'cacheWrite' | 'reasoning',
  value: number | undefined,
): void {
  if (value !== undefined && value > 0) usage[key] = value;
}

/**
 * OpenAI-style usage (also Azure OpenAI, DeepSeek, xAI, Groq, Together and other OpenAI-compatible APIs) in
 * Tapline's normalized form. OpenAI's prompt tokens already include the cached ones and its completion tokens
 * include reasoning, so the totals are taken as they are and the details become parts:
 * `input = prompt_tokens`, `cachedInput = prompt_tokens_details.cached_tokens`, `output = completion_tokens`,
 * `reasoning = completion_tokens_details.reasoning_tokens` (Responses API: `input_tokens`, `output_tokens`,
 * `*_details`). Undefined when the provider reported no usage.
 */
export function normalizeOpenAIUsage(usage: OpenAIUsageLike | null | undefined): SpanUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const input = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  const output = count(usage.completion_tokens) ?? count(usage.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const result: SpanUsage = { source: 'provider' };
  if (input !== undefined) result.input = input;
  if (output !== undefined) result.output = output;
  const total =
    count(usage.total_tokens) ?? (input !== undefined && output !== undefined ? input + output : undefined);
  if (total !== undefined) result.total = total;
  setPart(
    result,
    'cachedInput',
    count(usage.prompt_tokens_details?.cached_tokens) ??
      count(usage.input_tokens_details?.cached_tokens) ??
      count(usage.prompt_cache_hit_tokens),
  );
  setPart(
    result,
    'reasoning',
    count(usage.completion_tokens_details?.reasoning_tokens) ??
      count(usage.output_tokens_details?.reasoning_tokens),
  );
  return result;
}
