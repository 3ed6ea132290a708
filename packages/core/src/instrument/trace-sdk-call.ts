import { guard } from '../diagnostics/guard';
import type { Span } from '../span/span';
import type { Identity } from '../span/span-data';
import type { ContentMessage, SpanKind, SpanRequestParams } from '../span/span-record';
import type { Telemetry } from '../telemetry/create-telemetry';
import { splitCallOptions } from './call-options';
import { observeApiPromise, observePromise } from './observe-api-promise';
import { observeSdkStream } from './observe-sdk-stream';

/** How an adapter maps one SDK operation onto a span. Every function runs guarded. */
export interface SdkCallMapper<Body = any, Result = any, Item = any, State = any> {
  kind: SpanKind;
  operation: string;
  /** Request parameters for the span; runs on the call path, so it only copies a few fields. */
  request(body: Body): SpanRequestParams | undefined;
  /** Prompt messages; runs later, in the pipeline. */
  input(body: Body): ContentMessage[] | undefined;
  /** The body to send instead of the caller's (never mutate the caller's); return `body` to leave it. */
  prepare?(body: Body, provider: string): Body;
  /** A parsed non-streamed result. Set usage, response fields and a lazy output; do not end the span. */
  result(span: Span, value: Result, body: Body): void;
  /** Streaming: state for one stream, per-item observation (return false to hide an item) and the summary. */
  stream?: {
    start(body: Body, sent: Body): State;
    item(span: Span, state: State, item: Item): boolean | undefined | void;
    /** Called once when the stream ends in any way; records what was seen so far. */
    finish(span: Span, state: State): void;
    /** True when the stream ended without its terminal event (e.g. aborted by the controller). */
    incomplete?(state: State, stream: unknown): boolean;
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

function endWithError(span: Span, error: unknown): void {
  if (isAbort(error)) span.abort(error);
  else span.fail(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function resolveIdentity(
  telemetry: Telemetry,
  context: SdkCallContext,
  call: Identity | undefined,
): Identity {
  const base = context.identity;
  if (!base) return call ?? {};
  const active = telemetry.activeContext()?.identity;
  return {
    userId: call?.userId ?? active?.userId ?? base.userId,
    sessionId: call?.sessionId ?? active?.sessionId ?? base.sessionId,
    metadata:
      base.metadata || call?.metadata
        ? { ...base.metadata, ...active?.metadata, ...call?.metadata }
        : undefined,
  };
}

/** Span names (`{operation} {model}`) by operation and model, so that a call does not build the string again. */
const spanNames = new Map<string, Map<string, string>>();
const SPAN_NAMES_PER_OPERATION = 256;

function spanName(operation: string, model: string | undefined): string {
  if (model === undefined) return operation;
  let names = spanNames.get(operation);
  if (!names) {
    names = new Map();
    spanNames.set(operation, names);
  }
  let name = names.get(model);
  if (name === undefined) {
    if (names.size >= SPAN_NAMES_PER_OPERATION) names.clear();
    name = `${operation} ${model}`;
    names.set(model, name);
  }
  return name;
}

function startCallSpan(
  telemetry: Telemetry,
  context: SdkCallContext,
  mapper: SdkCallMapper,
  body: Record<string, unknown>,
  call: ReturnType<typeof splitCallOptions>['call'],
): Span {
  const identity = resolveIdentity(telemetry, context, call);
  const model = typeof body.model === 'string' && body.model !== '' ? body.model : undefined;
  const span = telemetry.startSpan({
    name: spanName(mapper.operation, model),
    kind: mapper.kind,
    integration: context.integration,
    parent: call?.parent,
    provider: context.provider,
    operation: mapper.operation,
    requestModel: typeof body.model === 'string' ? body.model : undefined,
    request: mapper.request(body),
    userId: identity.userId,
    sessionId: identity.sessionId,
    metadata: identity.metadata,
  });
  span.setInput(() => mapper.input(body));
  return span;
}

/** What `guard` reports, with the label built only when something failed. */
function reportInternalError(
  diag: Telemetry['diag'],
  context: SdkCallContext,
  mapper: SdkCallMapper,
  part: string,
  error: unknown,
): void {
  diag.error(
    `internal error in ${context.integration} ${mapper.operation}${part}; the call proceeds without it`,
    error,
  );
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
  const diag = telemetry.diag;
  let finished = false;
  const finish = (end: () => void) => {
    if (finished) return;
    finished = true;
    guard(diag, 'stream summary', () => hooks.finish(span, state), undefined);
    end();
  };
  const observed = observeSdkStream(
    stream,
    {
      item: (item) => hooks.item(span, state, item),
      complete: () => finish(() => (hooks.incomplete?.(state, stream) ? span.abort() : span.end())),
      error: (error) => finish(() => endWithError(span, error)),
      stop: () => finish(() => span.abort()),
      expired: () => finish(() => span.abort()),
    },
    telemetry.config.streamDeadlineMs,
    diag,
  );
  if (!observed) {
    diag.warnOnce('stream-shape', 'unrecognised SDK stream object; the stream is not traced');
    span.end();
  }
}

/**
 * Runs one SDK call and records it as a span: starts the span from the request, strips the per-call `tapline`
 * options, calls the SDK (with the mapper's prepared body), and observes the SDK's own promise and stream in place.
 * Returns exactly what the SDK returns; SDK errors reach the caller unchanged; telemetry failures are reported to
 * diagnostics and the call proceeds untraced.
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

  const diag = telemetry.diag;
  let span: Span | undefined;
  let sent: Record<string, unknown> = body;
  let callArgs = args;
  try {
    const { sdkOptions, call } = splitCallOptions(args[1]);
    span = startCallSpan(telemetry, context, mapper, body, call);
    sent = mapper.prepare ? mapper.prepare(body, context.provider) : body;
    if (sent !== body || sdkOptions !== args[1]) {
      callArgs = args.slice();
      callArgs[0] = sent;
      if (args.length > 1) callArgs[1] = sdkOptions;
    }
  } catch (error) {
    span?.abort();
    reportInternalError(diag, context, mapper, '', error);
    callArgs = args;
  }
  if (!span || !span.isRecording) return original.apply(receiver, callArgs);
  const live = span;

  let result: unknown;
  try {
    result = original.apply(receiver, callArgs);
  } catch (error) {
    live.fail(error);
    throw error;
  }
  try {
    const hooks = {
      parsed: (value: unknown) => {
        if (isObject(value) && body.stream === true) {
          observeStream(telemetry, live, mapper, body, sent, value);
          return;
        }
        try {
          mapper.result(live, value, body);
        } catch (error) {
          reportInternalError(diag, context, mapper, ' result', error);
        }
        live.end();
      },
      failed: (error: unknown) => endWithError(live, error),
      rawResponse: () => live.end(),
    };
    if (!observeApiPromise(result, hooks, diag)) {
      if (isObject(result) && typeof (result as { then?: unknown }).then === 'function') {
        observePromise(result as unknown as PromiseLike<unknown>, hooks, diag);
      } else live.end();
    }
  } catch (error) {
    reportInternalError(diag, context, mapper, ' observer', error);
  }
  return result;
}
