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

/** One stream's observation, shared by both ways of passing it on: per part, then one ending. */
class StreamRecorder {
  private readonly state: StreamState = { first: true };
  private settled = false;

  constructor(
    private readonly span: Span,
    private readonly signal: AbortSignal | undefined,
    private readonly diag: Diagnostics,
  ) {}

  part(part: SdkPart): void {
    if (this.settled) return;
    try {
      observe(this.span, this.state, part);
    } catch (error) {
      this.diag.error('internal error in vercel-ai stream recording; the stream is unaffected', error);
    }
  }

  /** The provider's stream closed: `ok`, or `error` after an error part, or `aborted` if the signal fired first. */
  closed(): void {
    if (!this.begin()) return;
    const { span, state, signal } = this;
    if (state.error !== undefined) span.fail(state.error);
    else if (signal?.aborted && !state.finish) span.abort(signal.reason);
    else span.end();
  }

  errored(error: unknown): void {
    if (this.begin()) endWithError(this.span, error, this.signal);
  }

  cancelled(reason: unknown): void {
    if (this.begin()) this.span.abort(reason);
  }

  /** What the stream showed is written onto the span in the pipeline; the state no longer changes once settled. */
  private begin(): boolean {
    if (this.settled) return false;
    this.settled = true;
    const { state } = this;
    this.span.defer((handle) => apply(handle, state));
    return true;
  }
}

/**
 * A stream layer over the provider's reader: parts are handed on the moment they arrive, reading on while the
 * consumer has room (at most one part ahead), with one pull per burst instead of one per part.
 */
function observedLayer<PART extends SdkPart>(
  recorder: StreamRecorder,
  reader: ReadableStreamDefaultReader<PART>,
): ReadableStream<PART> {
  return new ReadableStream<PART>(
    {
      async pull(controller) {
        do {
          let next: ReadableStreamReadResult<PART>;
          try {
            next = await reader.read();
          } catch (error) {
            recorder.errored(error);
            controller.error(error);
            return;
          }
          if (next.done) {
            recorder.closed();
            controller.close();
            return;
          }
          recorder.part(next.value);
          controller.enqueue(next.value);
        } while ((controller.desiredSize ?? 0) > 0);
      },
      cancel(reason) {
        recorder.cancelled(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 1 },
  );
}

function ignore(): void {}

/**
 * `source.pipeThrough(transform)` done by hand, observing each part on the way: reads while the transform's
 * writable side has room, writes each part into it, closes it when the source closes, aborts it when the source
 * errors, and cancels the source when the writable side errors (the consumer cancelled downstream). This is what
 * the native pipe does, so observing the stream this way adds no stream layer.
 */
function pipeObserved<PART extends SdkPart>(
  recorder: StreamRecorder,
  reader: ReadableStreamDefaultReader<PART>,
  writable: WritableStream<PART>,
): void {
  const writer = writable.getWriter();
  let done = false;
  const onRead = (result: ReadableStreamReadResult<PART>): void => {
    if (done) return;
    if (result.done) {
      done = true;
      recorder.closed();
      writer.close().then(ignore, ignore);
      return;
    }
    recorder.part(result.value);
    writer.write(result.value).then(ignore, ignore);
    next();
  };
  const onError = (error: unknown): void => {
    if (done) return;
    done = true;
    recorder.errored(error);
    writer.abort(error).then(ignore, ignore);
  };
  const read = (): void => {
    if (!done) reader.read().then(onRead, onError);
  };
  const next = (): void => {
    if ((writer.desiredSize ?? 0) > 0) read();
    else writer.ready.then(read, ignore);
  };
  writer.closed.then(ignore, (reason: unknown) => {
    if (done) return;
    done = true;
    recorder.cancelled(reason);
    reader.cancel(reason).then(ignore, ignore);
  });
  next();
}

type StreamMethod = 'getReader' | 'pipeTo' | 'tee' | 'values' | 'cancel';

/**
 * Observes the provider's stream and ends the span when it ends: `ok` after a clean finish, `error` after an error
 * part or a thrown error, `aborted` when the consumer cancels or the call's abort signal fires — with whatever
 * was seen until then. Parts pass through unchanged and as they arrive.
 *
 * The AI SDK consumes a model's stream with `pipeThrough` (into its own transform). So the provider's stream is
 * returned itself, with `pipeThrough` doing that pipe by hand while observing each part ({@link pipeObserved}):
 * no stream layer is added. Any other use (`getReader`, `pipeTo`, `tee`, async iteration, `pipeThrough` with
 * options) goes through an observing layer instead. A stream that cannot take these methods gets the layer.
 */
export function recordStream<PART extends SdkPart>(
  span: Span,
  stream: ReadableStream<PART>,
  signal: AbortSignal | undefined,
  diag: Diagnostics,
): ReadableStream<PART> {
  const recorder = new StreamRecorder(span, signal, diag);
  const getReader = stream.getReader as (this: ReadableStream<PART>) => ReadableStreamDefaultReader<PART>;
  if (
    !Object.isExtensible(stream) ||
    typeof getReader !== 'function' ||
    typeof stream.pipeThrough !== 'function'
  )
    return observedLayer(recorder, stream.getReader());
  let layer: ReadableStream<PART> | undefined;
  const observed = (): ReadableStream<PART> => {
    layer ??= observedLayer(recorder, getReader.call(stream));
    return layer;
  };
  const own = (name: PropertyKey, value: unknown) =>
    Object.defineProperty(stream, name, { value, configurable: true, writable: true, enumerable: false });
  own('pipeThrough', function pipeThrough<
    T,
  >(transform: { writable: WritableStream<PART>; readable: ReadableStream<T> }, options?: StreamPipeOptions): ReadableStream<T> {
    if (layer || options !== undefined || stream.locked || transform.writable.locked)
      return observed().pipeThrough(transform, options);
    pipeObserved(recorder, getReader.call(stream), transform.writable);
    return transform.readable;
  });
  for (const name of ['getReader', 'pipeTo', 'tee', 'values', 'cancel'] satisfies StreamMethod[]) {
    own(name, (...args: unknown[]) => {
      const target = observed() as unknown as Record<StreamMethod, (...rest: unknown[]) => unknown>;
      return target[name](...args);
    });
  }
  own(Symbol.asyncIterator, (...args: unknown[]) =>
    (observed() as unknown as { [Symbol.asyncIterator](...rest: unknown[]): unknown })[Symbol.asyncIterator](
      ...args,
    ),
  );
  return stream;
}
