import type { SpanRequestParams } from '@tapline/core';
import type { SdkCallOptions } from './sdk-types';

/** The call's settings as Tapline request parameters (counts, not contents, for stop sequences and tools). */
export function mapRequest(params: SdkCallOptions, stream: boolean): SpanRequestParams {
  const request: SpanRequestParams = { stream };
  if (params.temperature !== undefined) request.temperature = params.temperature;
  if (params.maxOutputTokens !== undefined) request.maxTokens = params.maxOutputTokens;
  if (params.topP !== undefined) request.topP = params.topP;
  if (params.topK !== undefined) request.topK = params.topK;
  if (params.frequencyPenalty !== undefined) request.frequencyPenalty = params.frequencyPenalty;
  if (params.presencePenalty !== undefined) request.presencePenalty = params.presencePenalty;
  if (params.seed !== undefined) request.seed = params.seed;
  if (params.stopSequences && params.stopSequences.length > 0)
    request.stopSequences = params.stopSequences.length;
  if (params.tools && params.tools.length > 0) {
    request.toolCount = params.tools.length;
    if (params.toolChoice) request.toolChoice = params.toolChoice.type;
  }
  if (params.responseFormat) request.responseFormat = params.responseFormat.type;
  if (params.reasoning !== undefined && params.reasoning !== 'provider-default')
    request.reasoningEffort = params.reasoning;
  return request;
}
