import { reportInternalError } from '../diagnostics/guard';
import { mergeIdentities } from '../pipeline/complete-span-data';
import { noopSpan, type Span } from '../span/span';
import type { Identity, SpanData } from '../span/span-data';
import type { ContentMessage, SpanKind, SpanRequestParams } from '../span/span-record';
import type { Telemetry } from '../telemetry/create-telemetry';
import { sdkSpanStarter } from '../telemetry/start-sdk-span';
import { CALL_OPTIONS_KEY, type CallTelemetryOptions, splitCallOptions } from './call-options';
import { type ApiPromiseHooks, observeApiPromise, observePromise } from './observe-api-promise';
import { observeSdkStream, type SdkStreamHooks } from './observe-sdk-stream';

/** How an adapter maps one SDK operation onto a span. Every function runs guarded. */
export interface SdkCallMapper<Body = any, Result = any, Item = any, State = any> {
  kind: SpanKind;
  operation: string;
  /** Request parameters for the span; runs in the pipeline, on a snapshot of the body taken at the call. */
  request(body: Body): SpanRequestParams | undefined;
  /** Prompt messages; runs in the pipeline, on the same snapshot. */
  input(body: Body): ContentMessage[] | undefined;
  /** The body to send instead of the caller's (never mutate the caller's); return `body` to leave it. */
  prepare?(body: Body, provider: string): Body;
  /**
   * A parsed non-streamed result. Set usage, response fields and a lazy output; do not end the span. Runs in the
   * pipeline (`Span.defer`), so it must not depend on state that changes after the call.
   */
  result(span: Span, value: Result, body: Body): void;
  /** Streaming: state for one stream, per-item observation (return false to hide an item) and the summary. */
  stream?: {
    start(body: Body, sent: Body): State;
    item(span: Span, state: State, item: Item): boolean | undefined | void;
    /** Called once when the stream ends in any way; records what was seen so far. */
    finish(span: Span, state: State): void;
    /**
     * Whether the stream's terminal event (finish reason, usage, stop event) was seen. A stream whose SDK
     * controller was aborted before that event ends as `aborted`, with what was seen.
     */
    sawEnd?(state: State): boolean;
  };
}

/** Where and how an adapter records its calls. */
export interface SdkCallContext {
  telemetry(): Telemetry;
  integration: string;
  provider: string;
  /** Wrapper-level identity, under `withContext` identity and per-call options. */
  identity?: Identity;
}

/** A cancellation by the caller (signal, `abort()`), which SDKs report as an error. */
function isAbort(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const name = (error as { name?: unknown }).name;
  const className = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return name === 'AbortError' || className === 'APIUserAbortError';
}

/** Whether a Stainless `Stream`'s own `AbortController` (`stream.controller.abort()`) was aborted. */
function controllerAborted(stream: unknown): boolean {
  return (stream as { controller?: AbortController } | null)?.controller?.signal?.aborted === true;
}

function endWithError(span: Span, error: unknown): void {
  if (isAbort(error)) span.abort(error);
  else span.fail(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/**
 * A shallow copy of the request body with its top-level arrays copied too, taken on the call path so that the
 * span describes the request as it was sent even when the caller later changes the body (typically by pushing the
 * reply onto the same `messages` array for the next turn). The messages themselves are shared, not copied.
 */
function snapshotBody(body: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  for (const key in copy) {
    const value = copy[key];
    if (Array.isArray(value)) copy[key] = value.slice();
  }
  return copy;
}

/** What the pipeline fills in for an SDK call's span: name, request parameters, input and per-call identity. */
function completeCallSpan(
  data: SpanData,
  mapper: SdkCallMapper,
  body: Record<string, unknown>,
  call: CallTelemetryOptions | undefined,
): void {
  const model = typeof body.model === 'string' ? body.model : undefined;
  data.name = model ? `${mapper.operation} ${model}` : mapper.operation;
  data.requestModel = model;
  data.request = mapper.request(body);
  if (data.input === undefined) data.input = () => mapper.input(body);
  if (call) {
    if (call.userId !== undefined) data.userId = call.userId;
    if (call.sessionId !== undefined) data.sessionId = call.sessionId;
    if (call.metadata !== undefined)
      data.metadata = data.metadata ? { ...call.metadata, ...data.metadata } : call.metadata;
  }
}

/**
 * Starts an SDK call's span. The call path keeps references (a snapshot of the body, the per-call options); the
 * pipeline completes the span (see {@link completeCallSpan}). A `Telemetry` not made by `createTelemetry` gets
 * the same fields through the public API, computed now.
 */
function startCallSpan(
  telemetry: Telemetry,
  context: SdkCallContext,
  mapper: SdkCallMapper,
  body: Record<string, unknown>,
  call: CallTelemetryOptions | undefined,
): Span {
  const snapshot = snapshotBody(body);
  const start = sdkSpanStarter(telemetry);
  if (start) {
    return start(
      mapper.kind,
      context.integration,
      context.provider,
      mapper.operation,
      call?.parent,
      context.identity,
      (data) => completeCallSpan(data, mapper, snapshot, call),
    );
  }
  const span = telemetry.startSpan({
    name: mapper.operation,
    kind: mapper.kind,
    integration: context.integration,
    parent: call?.parent,
    provider: context.provider,
    operation: mapper.operation,
  });
  if (span.isRecording) {
    const data = { name: '', metadata: undefined } as unknown as SpanData;
    completeCallSpan(data, mapper, snapshot, call);
    span.set({ requestModel: data.requestModel, request: data.request });
    if (data.input) span.setInput(data.input);
    span.setIdentity(mergeIdentities(data, telemetry.activeContext()?.identity, context.identity));
  }
  return span;
}

/** Reports an internal failure of one traced call, with the label built only when something failed. */
function reportCallError(
  diag: Telemetry['diag'],
  context: SdkCallContext,
  mapper: SdkCallMapper,
  part: string,
  error: unknown,
): void {
  reportInternalError(diag, `${context.integration} ${mapper.operation}${part}`, error);
}

/** One observed stream of a traced call: the mapper's per-item hook, then its summary once, then the span's end. */
class TracedStream implements SdkStreamHooks<unknown> {
  private finished = false;

  constructor(
    private readonly span: Span,
    private readonly hooks: NonNullable<SdkCallMapper['stream']>,
    private readonly state: unknown,
    private readonly stream: unknown,
  ) {}

  item(item: unknown): boolean | undefined | void {
    return this.hooks.item(this.span, this.state, item);
  }
  complete(): void {
    if (this.summarise()) {
      if (this.hooks.sawEnd?.(this.state) === false && controllerAborted(this.stream)) this.span.abort();
      else this.span.end();
    }
  }
  error(error: unknown): void {
    if (this.summarise()) endWithError(this.span, error);
  }
  stop(): void {
    if (this.summarise()) this.span.abort();
  }
  expired(): void {
    if (this.summarise()) this.span.abort();
  }

  /**
   * Records what the stream showed, the first time the stream ends; false when it already ended. The summary
   * runs in the pipeline (`Span.defer`; the stream's state no longer changes, items after the end are not
   * observed), so the consumer's last read only pays for the span's end.
   */
  private summarise(): boolean {
    if (this.finished) return false;
    this.finished = true;
    const { span, hooks, state } = this;
    span.defer((handle) => hooks.finish(handle, state));
    return true;
  }
}

function observeStream(
  telemetry: Telemetry,
  span: Span,
  mapper: SdkCallMapper,
  body: unknown,
  sent: unknown,
  stream: unknown,
): void {
  const hooks = mapper.stream;
  if (!hooks) {
    span.end();
    return;
  }
  const state = hooks.start(body, sent);
  const traced = new TracedStream(span, hooks, state, stream);
  if (!observeSdkStream(stream, traced, telemetry.config.streamDeadlineMs, telemetry.diag)) {
    telemetry.diag.warnOnce('stream-shape', 'unrecognised SDK stream object; the stream is not traced');
    span.end();
  }
}

/** What the SDK's promise reports for one traced call, ending its span. */
class TracedCall implements ApiPromiseHooks<unknown> {
  constructor(
    private readonly telemetry: Telemetry,
    private readonly mapper: SdkCallMapper,
    private readonly span: Span,
    private readonly body: Record<string, unknown>,
    private readonly sent: Record<string, unknown>,
  ) {}

  parsed(value: unknown): void {
    const { span, mapper, body } = this;
    if (body.stream === true && isObject(value)) {
      observeStream(this.telemetry, span, mapper, body, this.sent, value);
      return;
    }
    // mapped in the pipeline: the call path keeps a reference to the parsed value
    span.defer((handle) => mapper.result(handle, value, body));
    span.end();
  }

  failed(error: unknown): void {
    endWithError(this.span, error);
  }

  rawResponse(): void {
    this.span.end();
  }

  /** Never awaited: like a stream nobody reads, the span ends as aborted by the deadline. */
  unread(): void {
    this.span.abort();
  }
}

/**
 * Runs one SDK call and records it as a span: starts the span, strips the per-call `tapline` options, calls the
 * SDK (with the mapper's prepared body), and observes the SDK's own promise and stream in place. Returns exactly
 * what the SDK returns; SDK errors reach the caller unchanged; telemetry failures are reported to diagnostics and
 * the call proceeds untraced. The call path only records references and times: the span's name, request
 * parameters, input and identity are completed in the pipeline.
 */
export function traceSdkCall(
  context: SdkCallContext,
  mapper: SdkCallMapper,
  original: (...args: unknown[]) => unknown,
  receiver: object,
  args: unknown[],
): unknown {
  let telemetry: Telemetry;
  try {
    telemetry = context.telemetry();
  } catch {
    return original.apply(receiver, args);
  }
  if (!telemetry.enabled) return original.apply(receiver, args);
  const body = args[0];
  if (!isObject(body)) return original.apply(receiver, args);

  let span: Span = noopSpan;
  let sent: Record<string, unknown> = body;
  let callArgs = args;
  try {
    let call: CallTelemetryOptions | undefined;
    const options = args[1];
    if (options !== null && typeof options === 'object' && CALL_OPTIONS_KEY in options) {
      const split = splitCallOptions(options);
      call = split.call;
      callArgs = args.slice();
      callArgs[1] = split.sdkOptions;
    }
    span = startCallSpan(telemetry, context, mapper, body, call);
    if (mapper.prepare) {
      sent = mapper.prepare(body, context.provider);
      if (sent !== body) {
        if (callArgs === args) callArgs = args.slice();
        callArgs[0] = sent;
      }
    }
  } catch (error) {
    span.abort();
    span = noopSpan;
    sent = body;
    reportCallError(telemetry.diag, context, mapper, '', error);
    callArgs = args;
  }
  if (!span.isRecording) return original.apply(receiver, callArgs);

  let result: unknown;
  try {
    result = original.apply(receiver, callArgs);
  } catch (error) {
    span.fail(error);
    throw error;
  }
  try {
    const traced = new TracedCall(telemetry, mapper, span, body, sent);
    if (!observeApiPromise(result, traced, telemetry.diag, telemetry.config.streamDeadlineMs)) {
      if (isObject(result) && typeof (result as { then?: unknown }).then === 'function') {
        observePromise(result as unknown as PromiseLike<unknown>, traced, telemetry.diag);
      } else span.end();
    }
  } catch (error) {
    reportCallError(telemetry.diag, context, mapper, ' observer', error);
  }
  return result;
}
