import { configFromEnv } from '../config/env-config';
import { mergeConfig, type ResolvedConfig, resolveConfig } from '../config/resolve-config';
import type { ExporterDescription, TaplineConfig } from '../config/telemetry-config';
import { type ContextState, contextManager } from '../context/context-manager';
import { externalParent } from '../context/parent-resolver';
import { createDiagnostics, type Diagnostics } from '../diagnostics/diagnostics';
import { exporterFromDescription } from '../export/exporter-registry';
import { fanOutExporter } from '../export/fan-out-exporter';
import type { SpanExporter } from '../export/span-exporter';
import { BatchProcessor } from '../pipeline/batch-processor';
import { buildStages } from '../pipeline/build-stages';
import { createStats, type TelemetryStats } from '../pipeline/telemetry-stats';
import { registerExitFlush } from '../runtime/exit-hooks';
import { hostEnv } from '../runtime/node-builtin';
import { monotonicNow } from '../span/clock';
import { isValidSpanId, isValidTraceId } from '../span/ids';
import { LiveSpan, noopSpan, type Span } from '../span/span';
import type { Identity, SpanData, SpanFields } from '../span/span-data';
import type { SpanKind } from '../span/span-record';
import { START_SDK_SPAN, type StartSdkSpan } from './start-sdk-span';

export type ParentRef = Span | { traceId: string; spanId: string };

export interface StartSpanOptions extends SpanFields, Identity {
  name: string;
  kind?: SpanKind;
  /** The integration recording the span (`openai`, `vercel-ai`, …); `manual` by default. */
  integration?: string;
  /** Explicit parent; `null` starts a new trace; omitted: the active span, if any. */
  parent?: ParentRef | null;
}

export interface Telemetry {
  readonly config: Readonly<ResolvedConfig>;
  readonly diag: Diagnostics;
  readonly enabled: boolean;
  /** Starts a span. Returns the shared no-op span when disabled; never throws. */
  startSpan(options: StartSpanOptions): Span;
  /**
   * Runs `fn` inside a new span that is active for everything `fn` starts. Sync or async; a throw or rejection is
   * recorded on the span and rethrown unchanged.
   */
  span<T>(name: string, fn: (span: Span) => T, options?: Omit<StartSpanOptions, 'name'>): T;
  /** Runs `fn` with `span` as the active parent. */
  withSpan<T>(span: Span, fn: () => T): T;
  /** Identity and metadata for every span started inside `fn` (merged over any outer context). */
  withContext<T>(identity: Identity, fn: () => T): T;
  /** The active context (parent ids and identity), if any. */
  activeContext(): ContextState | undefined;
  /** Resolves when everything ended so far is exported, or after `timeoutMs`. True if it finished in time. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Flushes, stops accepting spans and shuts exporters down. Idempotent. */
  shutdown(timeoutMs?: number): Promise<void>;
  /** A snapshot of the pipeline's counters. */
  stats(): TelemetryStats & { queued: number };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Every span's data with the same fields in the same order (one object shape for the pipeline). Ids are left
 * empty: they are drawn when first read, at the latest by the pipeline.
 */
function newSpanData(
  kind: SpanKind,
  name: string,
  integration: string,
  parent: { traceId: string; spanId: string } | undefined,
  provider: string | undefined,
  operation: string | undefined,
): SpanData {
  return {
    traceId: parent ? parent.traceId : '',
    spanId: '',
    parentSpanId: parent?.spanId,
    kind,
    name,
    integration,
    startMono: monotonicNow(),
    endMono: 0,
    status: 'ok',
    sampled: true,
    provider,
    operation,
    requestModel: undefined,
    responseModel: undefined,
    responseId: undefined,
    request: undefined,
    finishReasons: undefined,
    toolCalls: undefined,
    userId: undefined,
    sessionId: undefined,
    metadata: undefined,
    contextIdentity: undefined,
    baseIdentity: undefined,
    resolve: undefined,
  };
}

function buildExporter(config: ResolvedConfig, diag: Diagnostics): SpanExporter {
  const exporters = config.exporters.map(
    (option): SpanExporter =>
      'export' in option && typeof option.export === 'function'
        ? (option as SpanExporter)
        : exporterFromDescription(option as ExporterDescription, diag),
  );
  if (exporters.length === 0) {
    diag.info('no exporter configured: spans are processed but not sent anywhere');
    return exporterFromDescription({ type: 'none' }, diag);
  }
  return fanOutExporter(exporters);
}

/**
 * Creates a telemetry instance. Config from code wins over `TAPLINE_*` environment variables; invalid config
 * throws `TaplineConfigError` here, never later.
 */
export function createTelemetry(
  config: TaplineConfig = {},
  env: Record<string, string | undefined> = hostEnv(),
): Telemetry {
  const resolved = resolveConfig(mergeConfig(configFromEnv(env), config));
  const diag = createDiagnostics(resolved.logLevel, resolved.logger);
  const stats = createStats();
  const stages = buildStages(resolved, { diag, stats });
  const exporter = buildExporter(resolved, diag);
  const processor = new BatchProcessor({
    exporter,
    stages,
    diag,
    stats,
    resource: { appName: resolved.appName, environment: resolved.environment },
    metadataLimits: resolved.metadataLimits,
    maxQueueSize: resolved.queue.maxSize,
    maxBatchSize: resolved.queue.maxBatchSize,
    scheduledDelayMs: resolved.queue.scheduledDelayMs,
    exportTimeoutMs: resolved.queue.exportTimeoutMs,
  });
  const contexts = contextManager();
  const sink = (data: SpanData) => {
    try {
      processor.enqueue(data);
    } catch (error) {
      stats.internalErrors++;
      diag.error('could not enqueue a span', error);
    }
  };

  let unregisterExit = () => {};
  let shutdownPromise: Promise<void> | undefined;
  const enabled = resolved.enabled;

  /** The parent a new span gets: the explicit one when valid, else the active span, else an external one. */
  function parentOf(
    explicit: ParentRef | null | undefined,
    state: ContextState | undefined,
  ): { traceId: string; spanId: string } | undefined {
    if (explicit === undefined) return state?.parent ?? externalParent(diag);
    if (explicit instanceof LiveSpan) return explicit;
    if (explicit && isValidTraceId(explicit.traceId) && isValidSpanId(explicit.spanId)) return explicit;
    if (explicit && (explicit as Partial<Span>).isRecording !== false) {
      diag.warnOnce('invalid-parent', 'startSpan: parent has invalid trace/span ids; starting a new trace');
    }
    return undefined;
  }

  function startFailed(error: unknown): Span {
    stats.internalErrors++;
    diag.error('could not start a span; the call proceeds untraced', error);
    return noopSpan;
  }

  function startSpan(options: StartSpanOptions): Span {
    if (!enabled || shutdownPromise) return noopSpan;
    try {
      const state = contexts.active();
      const data = newSpanData(
        options.kind ?? 'custom',
        options.name,
        options.integration ?? 'manual',
        parentOf(options.parent, state),
        options.provider,
        options.operation,
      );
      data.requestModel = options.requestModel;
      data.responseModel = options.responseModel;
      data.responseId = options.responseId;
      data.request = options.request;
      data.finishReasons = options.finishReasons;
      data.toolCalls = options.toolCalls;
      data.userId = options.userId;
      data.sessionId = options.sessionId;
      data.metadata = options.metadata;
      data.contextIdentity = state?.identity;
      stats.started++;
      return new LiveSpan(data, sink);
    } catch (error) {
      return startFailed(error);
    }
  }

  const startSdkSpan: StartSdkSpan = (kind, integration, provider, operation, parent, base, resolve) => {
    if (!enabled || shutdownPromise) return noopSpan;
    try {
      const state = contexts.active();
      const data = newSpanData(kind, operation, integration, parentOf(parent, state), provider, operation);
      data.contextIdentity = state?.identity;
      data.baseIdentity = base;
      data.resolve = resolve;
      stats.started++;
      return new LiveSpan(data, sink);
    } catch (error) {
      return startFailed(error);
    }
  };

  function withSpan<T>(span: Span, fn: () => T): T {
    if (!span.isRecording) return fn();
    const state = contexts.active();
    return contexts.run(
      { parent: { traceId: span.traceId, spanId: span.spanId }, identity: state?.identity },
      fn,
    );
  }

  const telemetry: Telemetry = {
    config: resolved,
    diag,
    enabled,
    startSpan,
    withSpan,
    span<T>(name: string, fn: (span: Span) => T, options: Omit<StartSpanOptions, 'name'> = {}): T {
      const span = startSpan({ ...options, name, kind: options.kind ?? 'custom' });
      let result: T;
      try {
        result = withSpan(span, () => fn(span));
      } catch (error) {
        span.fail(error);
        throw error;
      }
      if (isPromiseLike(result)) {
        (result as PromiseLike<unknown>).then(
          () => span.end(),
          (error: unknown) => span.fail(error),
        );
        return result;
      }
      span.end();
      return result;
    },
    withContext<T>(identity: Identity, fn: () => T): T {
      let state: ContextState;
      try {
        const outer = contexts.active();
        const merged: Identity = { ...outer?.identity };
        if (identity?.userId !== undefined) merged.userId = identity.userId;
        if (identity?.sessionId !== undefined) merged.sessionId = identity.sessionId;
        if (identity?.metadata !== undefined)
          merged.metadata = { ...outer?.identity?.metadata, ...identity.metadata };
        state = { parent: outer?.parent, identity: merged };
      } catch (error) {
        diag.error('withContext: invalid identity ignored', error);
        return fn();
      }
      return contexts.run(state, fn);
    },
    activeContext: () => contexts.active(),
    flush(timeoutMs = resolved.shutdownTimeoutMs) {
      return processor.flush(timeoutMs);
    },
    shutdown(timeoutMs = resolved.shutdownTimeoutMs) {
      shutdownPromise ??= (async () => {
        unregisterExit();
        await processor.shutdown(timeoutMs);
      })();
      return shutdownPromise;
    },
    stats: () => ({ ...stats, queued: processor.queued }),
  };
  Object.defineProperty(telemetry, START_SDK_SPAN, { value: startSdkSpan });

  if (enabled && resolved.flushOnExit) {
    unregisterExit = registerExitFlush({
      hasPendingWork: () => processor.queued > 0,
      flushForExit: () => processor.flush(resolved.shutdownTimeoutMs),
    });
  }
  return telemetry;
}
