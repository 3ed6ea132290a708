import {
  type Context,
  ROOT_CONTEXT,
  type SpanContext,
  TraceFlags,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { type Diagnostics, type SpanExporter, type SpanRecord, silentDiagnostics } from '@tapline/core';
import { genAiAttributes, spanName } from '../otlp/gen-ai-attributes';
import { INSTRUMENTATION_SCOPE, spanKindOf, spanStatusOf } from '../otlp/to-readable-span';
import { hrTime } from '../shared/hr-time';
import { BoundedMap } from './bounded-map';
import { HeldSpans } from './held-spans';
import { useOtelParents } from './otel-parent-resolver';

export interface TracerProviderExporterOptions {
  /** The app's provider. Default: the global one (`trace.getTracerProvider()`), looked up on first export. */
  tracerProvider?: TracerProvider;
  /**
   * Register a core parent resolver so that Tapline spans started under an active OpenTelemetry span (and no
   * Tapline span) take its trace id and nest under it. Default true. Removed again on shutdown.
   */
  parentFromActiveSpan?: boolean;
  /** Children held while their Tapline parent has not been exported yet. Default 2048. */
  maxHeldSpans?: number;
  /** Longest a child waits for its Tapline parent before it is sent under the parent's id anyway. Default 60000. */
  maxHoldMs?: number;
  /** Span contexts remembered for parents exported earlier (Tapline span id → created span). Default 8192. */
  maxRememberedSpans?: number;
  diag?: Diagnostics;
}

export interface BridgeStats {
  /** Spans turned into spans of the app's provider. */
  bridged: number;
  /** Spans sent with a parent the bridge never saw (held past `maxHoldMs`, pushed out of the hold, or at shutdown). */
  orphaned: number;
  /** Spans waiting for their parent now. */
  held: number;
}

export interface TracerProviderExporter extends SpanExporter {
  stats(): BridgeStats;
}

/**
 * Bridge mode: every finished Tapline span becomes a span of the app's OpenTelemetry `TracerProvider` (its
 * sampler, processors, exporters and resource), mapped onto the GenAI conventions like `otlpExporter`, with the
 * record's start and end times. The provider generates the span ids, so the Tapline tree is rebuilt: a child is
 * created under the span made for its Tapline parent; a child that arrives before its parent is held until the
 * parent comes (bounded); a span under an OpenTelemetry span (see `parentFromActiveSpan`) goes straight under it.
 * Tapline root spans get a new trace from the provider. `tapline.trace_id` / `tapline.span_id` keep Tapline's own
 * ids for correlation with other exporters.
 */
export function tracerProviderExporter(options: TracerProviderExporterOptions = {}): TracerProviderExporter {
  const diag = options.diag ?? silentDiagnostics;
  const maxHoldMs = options.maxHoldMs ?? 60_000;
  const otelParents = options.parentFromActiveSpan === false ? undefined : useOtelParents();
  const created = new BoundedMap<string, SpanContext>(options.maxRememberedSpans ?? 8192);
  const held = new HeldSpans(options.maxHeldSpans ?? 2048);
  const stats = { bridged: 0, orphaned: 0 };
  let tracer: Tracer | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const tracerOf = (): Tracer => {
    tracer ??= (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
      INSTRUMENTATION_SCOPE.name,
      INSTRUMENTATION_SCOPE.version,
    );
    return tracer;
  };

  const parentContext = (parent: SpanContext | undefined): Context =>
    parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;

  /** Creates and ends the span for `record` under `parent`, then its held children under it. */
  const emit = (record: SpanRecord, parent: SpanContext | undefined): void => {
    const stack: Array<[SpanRecord, SpanContext | undefined]> = [[record, parent]];
    while (stack.length > 0) {
      const [next, under] = stack.pop() as [SpanRecord, SpanContext | undefined];
      let spanContext: SpanContext | undefined;
      try {
        const start = Date.parse(next.startTime);
        const span = tracerOf().startSpan(
          spanName(next),
          {
            kind: spanKindOf(next),
            startTime: hrTime(start),
            attributes: {
              ...genAiAttributes(next),
              'tapline.trace_id': next.traceId,
              'tapline.span_id': next.spanId,
            },
          },
          parentContext(under),
        );
        span.setStatus(spanStatusOf(next));
        span.end(hrTime(start + next.durationMs));
        spanContext = span.spanContext();
        created.set(next.spanId, spanContext);
        stats.bridged++;
      } catch (error) {
        diag.warnOnce('bridge-span', 'bridge: the TracerProvider rejected a span', error);
      }
      for (const child of held.take(next.spanId) ?? []) stack.push([child, spanContext]);
    }
  };

  /** Sends spans whose parent never came under a remote context carrying the parent's Tapline id. */
  const orphan = (groups: SpanRecord[][]): void => {
    for (const group of groups) {
      for (const record of group) {
        stats.orphaned++;
        emit(record, {
          traceId: record.traceId,
          spanId: record.parentSpanId as string,
          traceFlags: TraceFlags.SAMPLED,
          isRemote: true,
        });
      }
    }
  };

  const sweep = (): void => {
    timer = undefined;
    orphan(held.takeOlderThan(Date.now() - maxHoldMs));
    arm();
  };

  function arm(): void {
    const since = held.oldestSince();
    if (since === undefined || timer !== undefined || closed) return;
    timer = setTimeout(sweep, Math.max(0, since + maxHoldMs - Date.now()) + 1);
    timer.unref?.();
  }

  const accept = (record: SpanRecord, now: number): void => {
    const parentId = record.parentSpanId;
    const parent =
      parentId === undefined ? undefined : (created.get(parentId) ?? otelParents?.seen.get(parentId));
    if (parentId === undefined || parent) emit(record, parent);
    else orphan(held.hold(record, now));
  };

  const flushProvider = async (): Promise<void> => {
    const provider = (options.tracerProvider ?? trace.getTracerProvider()) as TracerProvider & {
      getDelegate?: () => TracerProvider;
    };
    const target = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
    await target.forceFlush?.();
  };

  return {
    async export(spans) {
      if (closed) return { code: 'failed', error: new Error('bridge exporter is shut down') };
      try {
        const now = Date.now();
        // Parents end after their children, so a batch is usually children first: hold, then release.
        for (const record of spans) accept(record, now);
        arm();
        return { code: 'success' };
      } catch (error) {
        return { code: 'failed', error };
      }
    },
    async forceFlush() {
      try {
        await flushProvider();
      } catch (error) {
        diag.warnOnce('bridge-flush', 'bridge: TracerProvider.forceFlush failed', error);
      }
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      otelParents?.release();
      if (timer !== undefined) clearTimeout(timer);
      orphan(held.takeOlderThan(Number.POSITIVE_INFINITY));
      // The provider is the app's: flush what we gave it, never shut it down.
      try {
        await flushProvider();
      } catch (error) {
        diag.warnOnce('bridge-flush', 'bridge: TracerProvider.forceFlush failed', error);
      }
    },
    stats: () => ({ ...stats, held: held.size }),
  };
}
