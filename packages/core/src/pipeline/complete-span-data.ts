import { ensureSpanIds } from '../span/ids';
import type { SpanData } from '../span/span-data';

/**
 * The first step of the pipeline for every span: draws ids left empty at the start, runs the work an adapter
 * deferred (`resolve`) and merges identity — the span's own fields over the `withContext` identity over the base
 * (wrapper-level) identity. What the call path only referenced is settled here, in a warm batch. Throws what
 * `resolve` throws (the processor counts it); identity and ids are settled either way.
 */
export function completeSpanData(span: SpanData): void {
  ensureSpanIds(span);
  const resolve = span.resolve;
  try {
    if (resolve) {
      span.resolve = undefined;
      resolve(span);
    }
  } finally {
    mergeIdentity(span);
  }
}

function mergeIdentity(span: SpanData): void {
  const context = span.contextIdentity;
  const base = span.baseIdentity;
  if (context === undefined && base === undefined) return;
  span.contextIdentity = undefined;
  span.baseIdentity = undefined;
  span.userId ??= context?.userId ?? base?.userId;
  span.sessionId ??= context?.sessionId ?? base?.sessionId;
  const sources = [base?.metadata, context?.metadata, span.metadata].filter((m) => m !== undefined);
  if (sources.length === 1) span.metadata = sources[0];
  else if (sources.length > 1) span.metadata = Object.assign({}, ...sources);
}
