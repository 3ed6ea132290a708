import { classifyError } from './classify-error';
import type { RunRegistry, RunState } from './run-registry';

/**
 * Ends a run that threw: `aborted` for a cancellation (with its still-open subtree, which LangChain abandons),
 * `ok` for LangGraph's control-flow signals, `error` otherwise.
 */
export function endRunWithError(registry: RunRegistry, runId: string, state: RunState, error: unknown): void {
  const outcome = classifyError(error);
  if (outcome === 'aborted') {
    state.span.abort(error);
    registry.abortDescendants(runId, error);
  } else if (outcome === 'control') state.span.end();
  else state.span.fail(error);
}
