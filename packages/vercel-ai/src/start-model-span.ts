import type { Span, Telemetry } from '@tapline/core';
import { mapPrompt } from './map-prompt';
import { mapRequest } from './map-request';
import { activeSlot } from './model-call-slots';
import { readTaplineOptions } from './read-tapline-options';
import type { SdkCallOptions, SdkLanguageModel } from './sdk-types';

function merge(
  base: Record<string, unknown> | undefined,
  extra: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return base && extra ? { ...base, ...extra } : (extra ?? base);
}

/**
 * The span for one model call (provider and model id exactly as the model reports them; core normalizes them
 * for pricing): a new `llm` span under the active one, or the model-call span that
 * `taplineTelemetry()` opened for this call (taken over, so the call is counted once). The prompt is handed over
 * as a function: it is converted in the pipeline.
 */
export function startModelSpan(
  telemetry: Telemetry,
  model: SdkLanguageModel,
  params: SdkCallOptions,
  stream: boolean,
  metadata: Record<string, unknown> | undefined,
): Span {
  const identity = readTaplineOptions(params.providerOptions);
  const fields = {
    provider: model.provider,
    operation: 'chat',
    requestModel: model.modelId,
    request: mapRequest(params, stream),
  };
  const slot = activeSlot(telemetry);
  let span: Span;
  if (slot && !slot.claimed && !slot.span.ended) {
    slot.claimed = true;
    span = slot.span.set(fields);
    if (metadata) span.setMetadata(metadata);
    if (identity) span.setIdentity(identity);
  } else {
    span = telemetry.startSpan({
      name: `chat ${model.modelId}`,
      kind: 'llm',
      integration: 'vercel-ai',
      ...(slot ? { parent: slot.parent } : {}),
      ...fields,
      userId: identity?.userId,
      sessionId: identity?.sessionId,
      metadata: merge(metadata, identity?.metadata),
    });
  }
  const prompt = params.prompt;
  span.setInput(() => mapPrompt(prompt));
  return span;
}
