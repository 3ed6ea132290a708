import type { Diagnostics } from '../diagnostics/diagnostics';
import { isValidSpanId, isValidTraceId } from '../span/ids';

/** The ids of a span outside Tapline (an OpenTelemetry span, say) that new Tapline spans should nest under. */
export interface ExternalParent {
  traceId: string;
  spanId: string;
}

/** Returns the external span active right now, or undefined. Called once per span started without a parent. */
export type ParentResolver = () => ExternalParent | undefined;

const KEY = Symbol.for('tapline.parent-resolver');

type Holder = { [KEY]?: ParentResolver };

/**
 * Lets another tracing system supply the parent of Tapline spans started while no Tapline span is active (for
 * example @tapline/exporters' OpenTelemetry bridge, so that an LLM call nests under the HTTP request span).
 * One resolver per process, shared through a global symbol so that every copy of @tapline/core sees it; the
 * last registration wins. Returns a function that removes this resolver (and nothing registered after it).
 */
export function registerParentResolver(resolver: ParentResolver): () => void {
  const holder = globalThis as Holder;
  holder[KEY] = resolver;
  return () => {
    if (holder[KEY] === resolver) delete holder[KEY];
  };
}

/**
 * The registered resolver's parent when its ids are valid; undefined when there is no resolver, it finds
 * nothing, returns invalid ids or throws (reported once to the diagnostics logger).
 */
export function externalParent(diag: Diagnostics): ExternalParent | undefined {
  const resolver = (globalThis as Holder)[KEY];
  if (resolver === undefined) return undefined;
  try {
    const parent = resolver();
    if (parent && isValidTraceId(parent.traceId) && isValidSpanId(parent.spanId))
      return { traceId: parent.traceId, spanId: parent.spanId };
  } catch (error) {
    diag.warnOnce('parent-resolver', 'the registered parent resolver threw; spans start without it', error);
  }
  return undefined;
}

/** Whether a parent resolver is registered (adapters with their own fallback defer to it when there is one). */
export function hasParentResolver(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}
