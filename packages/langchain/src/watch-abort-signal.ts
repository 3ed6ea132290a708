import { abortRunTree } from './end-run-with-error';
import type { RunRegistry } from './run-registry';

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).aborted === 'boolean'
  );
}

/**
 * Watches a model call's `AbortSignal`: LangChain may abandon a cancelled stream without a callback, so when
 * the signal fires the model run is ended as aborted at once (with the runs above it, see `abortRunTree`).
 * Returns the function that stops watching (the registry calls it when the run ends), or undefined when there
 * is nothing to watch.
 */
export function watchAbortSignal(
  registry: RunRegistry,
  runId: string,
  signal: unknown,
): (() => void) | undefined {
  if (!isAbortSignal(signal) || signal.aborted) return undefined;
  const onAbort = () => {
    const state = registry.take(runId);
    if (state) abortRunTree(registry, runId, state, signal.reason ?? new Error('Aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
