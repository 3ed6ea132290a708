import type { Diagnostics, Span, SpanFields } from '@tapline/core';
import { endWithError } from './end-with-error';
import { mapFinishReason } from './map-finish-reason';
import { mapUsage } from './map-usage';
import type { SdkFinishReason, SdkPart, SdkUsage } from './sdk-types';

interface StreamState {
  first: boolean;
  finish?: { usage?: SdkUsage; finishReason?: SdkFinishReason };
  responseId?: string;
  responseModel?: string;
  toolNames?: string[];
  warnings?: number;
  error?: unknown;
}

/** Per part: a type switch and at most a reference or a timestamp. */
function observe(span: Span, state: StreamState, part: SdkPart): void {
  switch (part.type) {
    case 'text-delta': {
      if (state.first) {
        state.first = false;
        span.markFirstToken();
      }
      const delta = (part as { delta?: unknown; textDelta?: unknown }).delta;
      if (typeof delta === 'string') span.appendOutputText(delta);
      return;
    }
    case 'reasoning-delta':
    case 'tool-input-start':
    case 'tool-input-delta':
      if (state.first) {
        state.first = false;
        span.markFirstToken();
      }
      return;
    case 'tool-call':
      if (state.first) {
        state.first = false;
        span.markFirstToken();
      }
      state.toolNames ??= [];
      state.toolNames.push(String((part as { toolName?: unknown }).toolName));
      return;
    case 'finish':
      state.finish = part as StreamState['finish'];
      return;
    case 'response-metadata': {
      const meta = part as { id?: string; modelId?: string };
      if (meta.id) state.responseId = meta.id;
      if (meta.modelId) state.responseModel = meta.modelId;
      return;
    }
    case 'stream-start': {
      const warnings = (part as { warnings?: unknown[] }).warnings;
      if (Array.isArray(warnings) && warnings.length > 0) state.warnings = warnings.length;
      return;
    }
    case 'error':
      if (state.error === undefined) state.error = (part as { error?: unknown }).error ?? part;
      return;
  }
}

/** Writes what the stream showed onto the span (in the pipeline, once). */
function apply(span: Span, state: StreamState): void {
  const fields: SpanFields = {};
  const finishReason = mapFinishReason(state.finish?.finishReason);
  if (finishReason) fields.finishReasons = [finishReason];
  if (state.responseId) fields.responseId = state.responseId;
  if (state.responseModel) fields.responseModel = state.responseModel;
  if (state.toolNames) fields.toolCalls = { count: state.toolNames.length, names: state.toolNames };
  span.set(fields);
  const usage = mapUsage(state.finish?.usage);
  if (usage) span.setUsage(usage);
  if (state.warnings) span.setMetadata({ warnings: state.warnings });
}

/**
 * Passes the provider's stream through unchanged, part by part as they arrive (at most one part ahead of
 * the consumer), and ends the
 * span when it closes: `ok` after a clean finish, `error` after an error part or a thrown error, `aborted` when
 * the consumer cancels or the call's abort signal fires — with whatever was seen until then.
 */
export function recordStream<PART extends SdkPart>(
  span: Span,
  stream: ReadableStream<PART>,
  signal: AbortSignal | undefined,
  diag: Diagnostics,
): ReadableStream<PART> {
  const reader = stream.getReader();
  const state: StreamState = { first: true };
  const onInternalError = (error: unknown) =>
    diag.error('internal error in vercel-ai stream recording; the stream is unaffected', error);
  // What the stream showed is written onto the span in the pipeline; the state no longer changes once settled.
  const settle = (end: () => void) => {
    span.defer((handle) => apply(handle, state));
    end();
  };
  return new ReadableStream<PART>(
    {
      // Reads on while the consumer has room (at most one part ahead): a part is handed on the moment it arrives,
      // with one pull per burst instead of one per part.
      async pull(controller) {
        do {
          let next: ReadableStreamReadResult<PART>;
          try {
            next = await reader.read();
          } catch (error) {
            settle(() => endWithError(span, error, signal));
            controller.error(error);
            return;
          }
          if (next.done) {
            settle(() => {
              if (state.error !== undefined) span.fail(state.error);
              else if (signal?.aborted && !state.finish) span.abort(signal.reason);
              else span.end();
            });
            controller.close();
            return;
          }
          try {
            observe(span, state, next.value);
          } catch (error) {
            onInternalError(error);
          }
          controller.enqueue(next.value);
        } while ((controller.desiredSize ?? 0) > 0);
      },
      cancel(reason) {
        settle(() => span.abort(reason));
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 1 },
  );
}
