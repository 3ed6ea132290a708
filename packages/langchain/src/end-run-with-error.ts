import { classifyError } from './classify-error';
import type { RunRegistry, RunState } from './run-registry';

/** How long the runs above an aborted run may take to report their own end before they are ended too. */
export const ABORT_GRACE_MS = 1000;

/**
 * Ends a removed run as aborted with its still-open subtree. LangChain abandons a cancelled stream without
 * telling the callbacks of the runs above it, so those that have not ended within {@link ABORT_GRACE_MS} are
 * ended as aborted as well (an unref'd timer; runs that end in time are left alone).
 */
export function abortRunTree(registry: RunRegistry, runId: string, state: RunState, reason: unknown): void {
  const ancestors = registry.ancestors(state.parentRunId);
  if (state.owned) state.span.abort(reason);
  registry.abortDescendants(runId, reason);
  if (ancestors.length === 0) return;
  const timer = setTimeout(() => {
    for (const id of ancestors) registry.abort(id, reason);
  }, ABORT_GRACE_MS);
  (timer as { unref?: () => void }).unref?.();
}

/**
 * Ends a removed run that threw: `aborted` for a cancellation (see {@link abortRunTree}), `ok` for LangGraph's
 * control-flow signals, `error` otherwise.
 */
export function endRunWithError(registry: RunRegistry, runId: string, state: RunState, error: unknown): void {
  const outcome = classifyError(error);
  if (outcome === 'aborted') abortRunTree(registry, runId, state, error);
  else if (outcome === 'control') state.span.end();
  else state.span.fail(error);
}
