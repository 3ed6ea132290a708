import {
  hasParentResolver,
  type Identity,
  monotonicNow,
  type ParentRef,
  type Span,
  type StartSpanOptions,
  type Telemetry,
} from '@tapline/core';
import { otelParent } from './otel-parent';
import { runIdentity } from './run-metadata';
import type { RunRegistry } from './run-registry';

const HIDDEN_TAG = 'langsmith:hidden';

/** What `startRun` needs from the handler; built once per handler. */
export interface RunContext {
  readonly registry: RunRegistry;
  readonly telemetry: () => Telemetry;
  /** The handler's own identity and metadata (run metadata wins). */
  readonly identity: Identity | undefined;
  readonly includeHidden: boolean;
  readonly otelContext: boolean;
}

export interface RunStart {
  runId: string;
  parentRunId: string | undefined;
  tags: string[] | undefined;
  metadata: Record<string, unknown> | undefined;
}

/** A root run's parent: the active Tapline span (undefined lets core use it), else OpenTelemetry's, else none. */
function rootParent(context: RunContext, telemetry: Telemetry): ParentRef | null | undefined {
  if (telemetry.activeContext()?.parent) return undefined;
  if (!context.otelContext) return null;
  // A registered resolver (the OpenTelemetry bridge) tracks the spans it hands out: let core ask it.
  if (hasParentResolver()) return undefined;
  return otelParent() ?? null;
}

/**
 * Starts and registers a run's span: a child of the parent run's span when that run is known, else of the
 * active Tapline (or OpenTelemetry) span. Hidden runs (`langsmith:hidden`) are not recorded: they pass their
 * parent's span through to their children. Returns the span, or undefined when nothing is recorded.
 * `fields` is a fresh object owned by this call (it becomes the start options).
 */
export function startRun(
  context: RunContext,
  run: RunStart,
  fields: Omit<StartSpanOptions, 'parent' | 'integration'>,
): Span | undefined {
  const { registry } = context;
  const parentRun = registry.get(run.parentRunId);
  const { tags } = run;
  if (!context.includeHidden && tags !== undefined && tags.includes(HIDDEN_TAG)) {
    if (parentRun)
      registry.add(run.runId, {
        span: parentRun.span,
        parentRunId: run.parentRunId,
        startedAt: monotonicNow(),
        owned: false,
      });
    return undefined;
  }
  const telemetry = context.telemetry();
  const start = fields as StartSpanOptions;
  start.integration = 'langchain';
  start.parent = parentRun ? parentRun.span : rootParent(context, telemetry);
  const identity = runIdentity(run.metadata, tags);
  const own = context.identity;
  if (identity || own) {
    start.userId = identity?.userId ?? own?.userId;
    start.sessionId = identity?.sessionId ?? own?.sessionId;
    start.metadata =
      identity?.metadata && own?.metadata
        ? { ...own.metadata, ...identity.metadata }
        : (identity?.metadata ?? own?.metadata);
  }
  const span = telemetry.startSpan(start);
  if (!span.isRecording) return undefined;
  registry.add(run.runId, {
    span,
    parentRunId: run.parentRunId,
    startedAt: monotonicNow(),
    owned: true,
    request: start.request,
  });
  return span;
}
