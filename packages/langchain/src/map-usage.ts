import { normalizeOpenAIUsage, type UsageInput } from '@tapline/core';

/** LangChain's `usage_metadata` on an AI message (`@langchain/core` ≥ 0.2). */
export interface UsageMetadataLike {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  input_token_details?: { cache_read?: number; cache_creation?: number };
  output_token_details?: { reasoning?: number };
}

/** The legacy `llmOutput.tokenUsage` (camelCase) or a provider's raw `usage` (snake_case). */
export interface TokenUsageLike {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function positive(value: unknown): number | undefined {
  const n = count(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/**
 * Maps `usage_metadata` onto Tapline's usage. LangChain's `input_tokens` already includes cache reads and cache
 * writes, and `output_tokens` includes reasoning, exactly as Tapline counts them: the details are the parts.
 */
export function usageFromMetadata(usage: UsageMetadataLike | undefined): UsageInput | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const result: UsageInput = { source: 'provider' };
  if (input !== undefined) result.input = input;
  if (output !== undefined) result.output = output;
  const total = count(usage.total_tokens);
  if (total !== undefined) result.total = total;
  else if (input !== undefined && output !== undefined) result.total = input + output;
  const cachedInput = positive(usage.input_token_details?.cache_read);
  if (cachedInput !== undefined) result.cachedInput = cachedInput;
  const cacheWrite = positive(usage.input_token_details?.cache_creation);
  if (cacheWrite !== undefined) result.cacheWrite = cacheWrite;
  const reasoning = positive(usage.output_token_details?.reasoning);
  if (reasoning !== undefined) result.reasoning = reasoning;
  return result;
}

/** Maps `llmOutput.tokenUsage` (or `estimatedTokenUsage`, marked `estimate`) onto Tapline's usage. */
export function usageFromTokenUsage(
  usage: TokenUsageLike | undefined,
  source: UsageInput['source'] = 'provider',
): UsageInput | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  if (usage.promptTokens === undefined && usage.completionTokens === undefined) {
    // a provider's raw OpenAI-style usage: core's normalizer also reads the cached and reasoning details
    const normalized = normalizeOpenAIUsage(usage);
    return normalized ? { ...normalized, source } : undefined;
  }
  const input = count(usage.promptTokens);
  const output = count(usage.completionTokens);
  if (input === undefined && output === undefined) return undefined;
  const result: UsageInput = { source };
  if (input !== undefined) result.input = input;
  if (output !== undefined) result.output = output;
  const total = count(usage.totalTokens);
  if (total !== undefined) result.total = total;
  else if (input !== undefined && output !== undefined) result.total = input + output;
  return result;
}
