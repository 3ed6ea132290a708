import type { Diagnostics } from '../diagnostics/diagnostics';
import { startStreamDeadline } from './stream-deadline';

/** What an adapter learns from an SDK call's promise. */
export interface ApiPromiseHooks<T> {
  /** The response body was parsed (a JSON body, or the SDK's stream object for streamed calls). */
  parsed(value: T): void;
  /** The request or the parse failed; `error` is the instance the caller receives. */
  failed(error: unknown): void;
  /** The caller asked for the raw `Response` only (`asResponse()`), so the body is theirs to read. */
  rawResponse(response: unknown): void;
  /**
   * The response arrived but nobody asked for it (the promise was never awaited, `.then` never called) within
   * `deadlineMs`: the call's outcome will never be known. Without it (or without a deadline) nothing is reported.
   */
  unread?(): void;
}

const OBSERVER_ERROR = 'internal error while observing an SDK call; the call is unaffected';

/** Calls one hook as a method of `hooks`; a throw is reported, never propagated. No closure per call. */
function callHook<T, K extends 'parsed' | 'failed' | 'rawResponse' | 'unread'>(
  hooks: Partial<ApiPromiseHooks<T>>,
  name: K,
  value: unknown,
  diag: Diagnostics,
): void {
  try {
    (hooks[name] as ((value: unknown) => void) | undefined)?.call(hooks, value);
  } catch (internal) {
    diag.error(OBSERVER_ERROR, internal);
  }
}

interface StainlessPromise {
  responsePromise?: unknown;
  parseResponse?: (...args: unknown[]) => unknown;
  parsedPromise?: unknown;
  asResponse?: () => Promise<unknown>;
  _thenUnwrap?: (transform: (data: unknown, props: unknown) => unknown) => unknown;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Observes, in place, the `APIPromise` that Stainless-generated SDKs (`openai`, `@anthropic-ai/sdk`) return, so
 * that the caller keeps the very same object: `await`, `.withResponse()`, `.asResponse()` and `._thenUnwrap()`
 * behave as before and errors reach the caller unchanged. Returns false (and changes nothing) when the object does
 * not have the expected shape; the adapter then falls back to observing it as a plain promise. A response that
 * nobody has asked for `deadlineMs` after it arrived is reported to `hooks.unread` (when both are given).
 */
export function observeApiPromise<T>(
  promise: unknown,
  hooks: ApiPromiseHooks<T>,
  diag: Diagnostics,
  deadlineMs = 0,
): boolean {
  const target = promise as StainlessPromise;
  const parse = target?.parseResponse;
  const response = target?.responsePromise;
  const asResponse = target?.asResponse;
  if (typeof parse !== 'function' || !isThenable(response) || typeof asResponse !== 'function') return false;

  let settled = false;
  let cancelDeadline: (() => void) | undefined;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    if (cancelDeadline) cancelDeadline();
    return true;
  };
  const failed = (error: unknown) => {
    if (settle()) callHook(hooks, 'failed', error, diag);
  };
  const parsed = (value: unknown) => {
    if (settle()) callHook(hooks, 'parsed', value, diag);
  };

  target.parseResponse = function parseResponse(this: unknown, ...args: unknown[]) {
    const result = parse.apply(this, args);
    if (isThenable(result)) result.then(parsed, failed);
    else parsed(result);
    return result;
  };
  // Helpers derive promises with `_thenUnwrap` (`chat.completions.parse`); some SDK versions (openai 7) parse
  // those with their own copy of the parser instead of this promise's `parseResponse`, so the transform reports.
  const thenUnwrap = target._thenUnwrap;
  if (typeof thenUnwrap === 'function') {
    target._thenUnwrap = function observedThenUnwrap(this: unknown, transform) {
      return thenUnwrap.call(this, (data: unknown, props: unknown) => {
        parsed(data);
        return transform(data, props);
      });
    };
  }
  target.asResponse = function observedAsResponse(this: StainlessPromise) {
    const rawOnly = this.parsedPromise === undefined;
    const result = asResponse.call(this);
    if (rawOnly)
      result.then((value) => {
        if (settle()) callHook(hooks, 'rawResponse', value, diag);
      }, failed);
    return result;
  };
  // The SDK parses only when asked (`await`, `.then`, `.withResponse()`): a promise nobody awaits would leave its
  // span open for ever. Asking usually happens long before the response arrives, so this costs a field read.
  const responded = () => {
    if (settled || target.parsedPromise !== undefined || !hooks.unread) return;
    cancelDeadline = startStreamDeadline(deadlineMs, { reads: 0, pending: 0 }, () => {
      if (!settled && target.parsedPromise === undefined && settle())
        callHook(hooks, 'unread', undefined, diag);
    });
  };
  response.then(responded, failed);
  return true;
}

/**
 * Observes a plain promise (for SDK shapes `observeApiPromise` does not recognise). The caller keeps the same
 * promise; the observation is a side branch.
 */
export function observePromise<T>(
  promise: PromiseLike<T>,
  hooks: Pick<ApiPromiseHooks<T>, 'parsed' | 'failed'>,
  diag: Diagnostics,
): void {
  promise.then(
    (value) => callHook(hooks, 'parsed', value, diag),
    (error: unknown) => callHook(hooks, 'failed', error, diag),
  );
}
