import type { SpanUsage } from '../span/span-record';
import { setPart } from './normalize-openai-usage';

/** Gemini's `usageMetadata` (Gemini API and Vertex AI). */
export interface GeminiUsageLike {
  promptTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  cachedContentTokenCount?: number | null;
  toolUsePromptTokenCount?: number | null;
  totalTokenCount?: number | null;
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Gemini usage in Tapline's normalized form. `promptTokenCount` includes cached content; tool-use prompt tokens
 * are billed as input too: `input = promptTokenCount + toolUsePromptTokenCount`, `cachedInput =
 * cachedContentTokenCount`. `candidatesTokenCount` excludes thinking, so `output = candidatesTokenCount +
 * thoughtsTokenCount` and `reasoning = thoughtsTokenCount`.
 */
export function normalizeGeminiUsage(usage: GeminiUsageLike | null | undefined): SpanUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const hasInput = typeof usage.promptTokenCount === 'number';
  const hasOutput =
    typeof usage.candidatesTokenCount === 'number' || typeof usage.thoughtsTokenCount === 'number';
  if (!hasInput && !hasOutput) return undefined;
  const result: SpanUsage = { source: 'provider' };
  if (hasInput) result.input = count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount);
  if (hasOutput) result.output = count(usage.candidatesTokenCount) + count(usage.thoughtsTokenCount);
  const total = typeof usage.totalTokenCount === 'number' ? usage.totalTokenCount : undefined;
  if (total !== undefined) result.total = total;
  else if (result.input !== undefined && result.output !== undefined)
    result.total = result.input + result.output;
  setPart(result, 'cachedInput', count(usage.cachedContentTokenCount));
  setPart(result, 'reasoning', count(usage.thoughtsTokenCount));
  return result;
}
