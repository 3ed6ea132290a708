import type { Span } from '@tapline/core';

function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** Ends the span as `aborted` when the call was cancelled (its signal fired, or an abort error), else as `error`. */
export function endWithError(span: Span, error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted || isAbortError(error)) span.abort(signal?.reason ?? error);
  else span.fail(error);
}
