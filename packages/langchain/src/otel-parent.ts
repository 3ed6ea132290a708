import { isValidSpanId, isValidTraceId } from '@tapline/core';

interface OtelSpanLike {
  spanContext?: () => { traceId?: string; spanId?: string };
}

interface OtelApiGlobal {
  context?: { active?: () => { getValue?: (key: symbol) => unknown } | undefined };
}

/** Where `@opentelemetry/api` 1.x keeps its registered globals, and its context key for the active span. */
const API_KEY = Symbol.for('opentelemetry.js.api.1');
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/**
 * The ids of the OpenTelemetry span active right now, read through the global registry that
 * `@opentelemetry/api` 1.x maintains — no dependency on it. Undefined when OpenTelemetry is not set up.
 */
export function otelParent(): { traceId: string; spanId: string } | undefined {
  const api = (globalThis as { [API_KEY]?: OtelApiGlobal })[API_KEY];
  const active = api?.context?.active;
  if (typeof active !== 'function') return undefined;
  const span = active.call(api!.context)?.getValue?.(SPAN_KEY) as OtelSpanLike | undefined;
  const ids = typeof span?.spanContext === 'function' ? span.spanContext() : undefined;
  if (!ids?.traceId || !ids.spanId) return undefined;
  if (!isValidTraceId(ids.traceId) || !isValidSpanId(ids.spanId)) return undefined;
  return { traceId: ids.traceId, spanId: ids.spanId };
}
