import { ensureSpanIds } from '../span/ids';
import type { Identity, SpanData } from '../span/span-data';

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

/**
 * Identity by precedence: `own` (set on the span or per call) over `context` (`withContext`) over `base` (a
 * client wrapper's options); metadata merged key by key in the same order.
 */
export function mergeIdentities(
  own: Identity,
  context: Identity | undefined,
  base: Identity | undefined,
): Identity {
  const sources = [base?.metadata, context?.metadata, own.metadata].filter((m) => m !== undefined);
  return {
    userId: own.userId ?? context?.userId ?? base?.userId,
    sessionId: own.sessionId ?? context?.sessionId ?? base?.sessionId,
    metadata: sources.length <= 1 ? sources[0] : Object.assign({}, ...sources),
  };
}

function mergeIdentity(span: SpanData): void {
  const context = span.contextIdentity;
  const base = span.baseIdentity;
  if (context === undefined && base === undefined) return;
  span.contextIdentity = undefined;
  span.baseIdentity = undefined;
  const merged = mergeIdentities(span, context, base);
  span.userId = merged.userId;
  span.sessionId = merged.sessionId;
  span.metadata = merged.metadata;
}
