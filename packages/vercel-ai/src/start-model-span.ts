import type { Span, StartSpanOptions, Telemetry } from '@tapline/core';
import { mapPrompt } from './map-prompt';
import { mapRequest } from './map-request';
import { activeSlot } from './model-call-slots';
import { callMetadata, readTaplineOptions } from './read-tapline-options';
import type { SdkCallOptions, SdkLanguageModel } from './sdk-types';

/**
 * The span for one model call (provider and model id exactly as the model reports them; core normalizes them
 * for pricing): a new `llm` span under the active one, or the model-call span that
 * `taplineTelemetry()` opened for this call (taken over, so the call is counted once). The prompt is handed over
 * as a function: it is converted in the pipeline. On the call path: one options object, no spreads.
 */
export function startModelSpan(
  telemetry: Telemetry,
  model: SdkLanguageModel,
  params: SdkCallOptions,
  stream: boolean,
  metadata: Record<string, unknown> | undefined,
): Span {
  const identity = params.providerOptions ? readTaplineOptions(params.providerOptions) : undefined;
  const request = mapRequest(params, stream);
  const slot = activeSlot(telemetry);
  let span: Span;
  if (slot && !slot.claimed && !slot.span.ended) {
    slot.claimed = true;
    span = slot.span.set({
      provider: model.provider,
      operation: 'chat',
      requestModel: model.modelId,
      request,
    });
    if (metadata) span.setMetadata(metadata);
    if (identity) span.setIdentity(identity);
  } else {
    const options: StartSpanOptions = {
      name: `chat ${model.modelId}`,
      kind: 'llm',
      integration: 'vercel-ai',
      provider: model.provider,
      operation: 'chat',
      requestModel: model.modelId,
      request,
      metadata,
    };
    if (slot) options.parent = slot.parent;
    if (identity) {
      options.userId = identity.userId;
      options.sessionId = identity.sessionId;
      options.metadata = callMetadata(metadata, identity);
    }
    span = telemetry.startSpan(options);
  }
  const prompt = params.prompt;
  span.setInput(() => mapPrompt(prompt));
  return span;
}
