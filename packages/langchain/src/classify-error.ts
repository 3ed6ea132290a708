/** Error names that mean the run was cancelled (signal, SDK abort, LangChain's abort on a stream). */
const ABORT_NAMES = new Set(['AbortError', 'ModelAbortError', 'APIUserAbortError', 'TimeoutError']);

/** LangGraph's control-flow exceptions (interrupts, commands to a parent graph): not failures. */
const CONTROL_NAMES = new Set(['GraphInterrupt', 'NodeInterrupt', 'ParentCommand', 'GraphBubbleUp']);

/**
 * How a run that threw should end: `aborted` for cancellations, `control` for LangGraph's control-flow
 * signals (the span ends ok), `error` otherwise.
 */
export function classifyError(error: unknown): 'aborted' | 'control' | 'error' {
  if (error === null || typeof error !== 'object') return 'error';
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof name === 'string') {
    if (ABORT_NAMES.has(name)) return 'aborted';
    if (CONTROL_NAMES.has(name)) return 'control';
  }
  // raceWithSignal rejects with `new Error("Aborted")` when the signal has no reason of its own.
  if (message === 'Aborted' || message === 'AbortError') return 'aborted';
  return 'error';
}
