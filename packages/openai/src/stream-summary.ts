import { normalizeOpenAIUsage, type Span, type SpanFields } from '@tapline/core';

/** What chat and legacy completion streams both collect: the first chunk's ids, finish reasons, usage. */
export interface OpenAIStreamState {
  first: boolean;
  id?: string;
  model?: string;
  usage?: unknown;
  /** Finish reason per choice index. */
  finish: string[];
}

/** On the first chunk: marks the first token and keeps the response id and model. */
export function noteFirstChunk(span: Span, state: OpenAIStreamState, chunk: any): void {
  if (state.first) return;
  state.first = true;
  span.markFirstToken();
  state.id = chunk?.id;
  state.model = chunk?.model;
}

/** Writes the stream's response fields (plus `fields`) and its usage onto the span. */
export function recordStreamSummary(span: Span, state: OpenAIStreamState, fields: SpanFields = {}): void {
  const finish = state.finish.filter(Boolean);
  span.set({
    responseModel: state.model,
    responseId: state.id,
    finishReasons: finish.length > 0 ? finish : undefined,
    ...fields,
  });
  const usage = normalizeOpenAIUsage(state.usage as never);
  if (usage) span.setUsage(usage);
}

/** A stream saw its end when a choice finished or the usage chunk arrived. */
export const sawStreamEnd = (state: OpenAIStreamState): boolean =>
  state.usage !== undefined || state.finish.length > 0;
