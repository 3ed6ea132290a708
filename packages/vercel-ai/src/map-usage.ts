import type { UsageInput } from '@tapline/core';
import type { FlatUsage, NestedUsage, SdkUsage } from './sdk-types';

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

function mapNested(usage: NestedUsage): UsageInput {
  const input = usage.inputTokens ?? {};
  const output = usage.outputTokens ?? {};
  const cacheRead = input.cacheRead;
  const cacheWrite = input.cacheWrite;
  const reasoning = output.reasoning;
  const inputTotal =
    input.total ??
    (input.noCache === undefined ? undefined : input.noCache + (cacheRead ?? 0) + (cacheWrite ?? 0));
  const outputTotal =
    output.total ?? (output.text === undefined ? undefined : output.text + (reasoning ?? 0));
  const mapped: UsageInput = {};
  if (inputTotal !== undefined) mapped.input = inputTotal;
  if (outputTotal !== undefined) mapped.output = outputTotal;
  const total = sum(inputTotal, outputTotal);
  if (total !== undefined) mapped.total = total;
  if (cacheRead !== undefined) mapped.cachedInput = cacheRead;
  if (cacheWrite !== undefined) mapped.cacheWrite = cacheWrite;
  if (reasoning !== undefined) mapped.reasoning = reasoning;
  return mapped;
}

function mapFlat(usage: FlatUsage): UsageInput {
  const mapped: UsageInput = {};
  if (usage.inputTokens !== undefined) mapped.input = usage.inputTokens;
  if (usage.outputTokens !== undefined) mapped.output = usage.outputTokens;
  const total = sum(usage.inputTokens, usage.outputTokens) ?? usage.totalTokens;
  if (total !== undefined) mapped.total = total;
  const cacheRead = usage.inputTokenDetails?.cacheReadTokens ?? usage.cachedInputTokens;
  const cacheWrite = usage.inputTokenDetails?.cacheWriteTokens;
  const reasoning = usage.outputTokenDetails?.reasoningTokens ?? usage.reasoningTokens;
  if (cacheRead !== undefined) mapped.cachedInput = cacheRead;
  if (cacheWrite !== undefined) mapped.cacheWrite = cacheWrite;
  if (reasoning !== undefined) mapped.reasoning = reasoning;
  return mapped;
}

/**
 * Maps the AI SDK's usage onto Tapline's: `input` is the SDK's input total (cache reads and writes inside it),
 * `output` its output total (reasoning inside it), `total` their sum. A pure renaming: parts are never added to
 * totals that already contain them. Flat usage (V2 from `ai` 5, and the `LanguageModelUsage` that `ai` 6/7 hand to
 * callbacks) is taken as reported. Returns undefined when the
 * provider reported no counts, so core's token stage fills them in and marks the source.
 */
export function mapUsage(usage: SdkUsage | undefined | null): UsageInput | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const nested =
    typeof (usage as NestedUsage).inputTokens === 'object' ||
    typeof (usage as NestedUsage).outputTokens === 'object';
  const mapped = nested ? mapNested(usage as NestedUsage) : mapFlat(usage as FlatUsage);
  return mapped.input === undefined && mapped.output === undefined ? undefined : mapped;
}
