import { context, type SpanContext, trace } from '@opentelemetry/api';
import { type ExternalParent, type ParentResolver, registerParentResolver } from '@tapline/core';
import { BoundedMap } from './bounded-map';

/**
 * A core parent resolver that returns the OpenTelemetry span active in `@opentelemetry/api`'s context (the
 * HTTP request span, say). Each span it hands out is noted in `seen` (span id → its context) so that the bridge
 * knows, at export time, that a Tapline span's parent is an OpenTelemetry span and not a Tapline span still to
 * come. Cost per Tapline root span started under an OpenTelemetry span: one context lookup and one Map insert.
 */
export function otelParentResolver(seen: BoundedMap<string, SpanContext>): ParentResolver {
  return (): ExternalParent | undefined => {
    const span = trace.getSpan(context.active());
    if (span === undefined) return undefined;
    const spanContext = span.spanContext();
    if (!trace.isSpanContextValid(spanContext)) return undefined;
    seen.set(spanContext.spanId, spanContext);
    return { traceId: spanContext.traceId, spanId: spanContext.spanId };
  };
}

const shared = { seen: new BoundedMap<string, SpanContext>(8192), users: 0, unregister: () => {} };

/**
 * Registers the OpenTelemetry parent resolver while at least one bridge uses it (two telemetry instances with a
 * bridge each share it). Returns the shared map of OpenTelemetry parents handed out and a release function
 * (idempotent) that unregisters the resolver when the last user releases it.
 */
export function useOtelParents(): { seen: BoundedMap<string, SpanContext>; release: () => void } {
  if (shared.users++ === 0) shared.unregister = registerParentResolver(otelParentResolver(shared.seen));
  let released = false;
  return {
    seen: shared.seen,
    release() {
      if (released) return;
      released = true;
      if (--shared.users === 0) shared.unregister();
    },
  };
}
