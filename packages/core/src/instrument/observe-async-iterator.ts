import type { Diagnostics } from '../diagnostics/diagnostics';

/** Hooks called while a consumer reads an observed iterator. Each terminal hook runs at most once. */
export interface IteratorHooks<T> {
  /** Per item, on the consumer's path: keep it cheap. Return `false` to hide the item from the consumer. */
  item(item: T): boolean | undefined | void;
  /** The source finished. */
  complete(): void;
  /** The source threw; the consumer receives the same error. */
  error(error: unknown): void;
  /** The consumer stopped early (`break`, `return()`). */
  stop(): void;
}

/** Reads since creation and reads in flight; a deadline uses it to tell a stream being read from one abandoned. */
export interface StreamActivity {
  reads: number;
  pending: number;
}

export function createStreamActivity(): StreamActivity {
  return { reads: 0, pending: 0 };
}

/**
 * Wraps an async iterator so that every item, the end, an error and an early stop are reported to `hooks`, while
 * the consumer sees the same items (minus any the hook hides), the same errors (same instances) and the same
 * `return()` behaviour. A hook that throws is reported to `diag` and otherwise ignored.
 */
export function observeAsyncIterator<T>(
  source: AsyncIterator<T>,
  hooks: IteratorHooks<T>,
  diag: Diagnostics,
  activity: StreamActivity = createStreamActivity(),
): AsyncIterableIterator<T> {
  let settled = false;

  const report = (error: unknown) =>
    diag.error('internal error while observing a stream; the stream is unaffected', error);
  const settle = (hook: () => void) => {
    if (settled) return;
    settled = true;
    try {
      hook();
    } catch (error) {
      report(error);
    }
  };

  const onResult = (result: IteratorResult<T>): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (result.done) {
      activity.pending--;
      settle(hooks.complete);
      return result;
    }
    let keep = true;
    if (!settled) {
      try {
        keep = hooks.item(result.value) !== false;
      } catch (error) {
        report(error);
      }
    }
    if (keep) {
      activity.pending--;
      return result;
    }
    return source.next().then(onResult, onError);
  };

  const onError = (error: unknown): never => {
    activity.pending--;
    settle(() => hooks.error(error));
    throw error;
  };

  const iterator: AsyncIterableIterator<T> = {
    next(...args: [] | [undefined]) {
      activity.reads++;
      activity.pending++;
      return source.next(...args).then(onResult, onError);
    },
    return(value?: unknown) {
      settle(hooks.stop);
      if (typeof source.return === 'function') return source.return(value as T);
      return Promise.resolve({ done: true, value: value as T });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  if (typeof source.throw === 'function') {
    const sourceThrow = source.throw.bind(source);
    iterator.throw = (error?: unknown) => {
      settle(() => hooks.error(error));
      return sourceThrow(error);
    };
  }
  return iterator;
}
