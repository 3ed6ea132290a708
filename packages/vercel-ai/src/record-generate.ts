import type { Span, SpanFields } from '@tapline/core';
import { mapFinishReason } from './map-finish-reason';
import { mapPrompt } from './map-prompt';
import { mapUsage } from './map-usage';
import type { SdkGenerateResult } from './sdk-types';

/**
 * Ends the span of a `doGenerate` call; the result is recorded on it in the pipeline (`Span.defer`), so the call
 * path keeps only a reference. The result itself is not touched.
 */
export function recordGenerate(span: Span, result: SdkGenerateResult): void {
  span.defer((handle) => recordResult(handle, result));
  span.end();
}

function recordResult(span: Span, result: SdkGenerateResult): void {
  const fields: SpanFields = {};
  const finishReason = mapFinishReason(result.finishReason);
  if (finishReason) fields.finishReasons = [finishReason];
  const response = result.response;
  if (response?.id) fields.responseId = response.id;
  if (response?.modelId) fields.responseModel = response.modelId;
  let toolNames: string[] | undefined;
  const content = Array.isArray(result.content) ? result.content : [];
  for (const part of content) {
    if (part.type !== 'tool-call') continue;
    toolNames ??= [];
    toolNames.push(String((part as { toolName?: unknown }).toolName));
  }
  if (toolNames) fields.toolCalls = { count: toolNames.length, names: toolNames };
  span.set(fields);
  const usage = mapUsage(result.usage);
  if (usage) span.setUsage(usage);
  if (result.warnings && result.warnings.length > 0) span.setMetadata({ warnings: result.warnings.length });
  span.setOutput(() => mapPrompt([{ role: 'assistant', content }]));
}
