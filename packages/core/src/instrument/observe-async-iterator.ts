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

const OBSERVER_ERROR = 'internal error while observing a stream; the stream is unaffected';

/**
 * The observing iterator: methods on the prototype, two callbacks per stream, one extra promise per item (the
 * `then` that sees it). `next` forwards its argument only when given one, as the source would receive it.
 */
class ObservedIterator<T> implements AsyncIterableIterator<T> {
  private settled = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly hooks: IteratorHooks<T>,
    private readonly diag: Diagnostics,
    private readonly activity: StreamActivity,
  ) {}

  private readonly onResult = (result: IteratorResult<T>): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (result.done) {
      this.activity.pending--;
      if (!this.settled) this.settle(0, undefined);
      return result;
    }
    let keep = true;
    if (!this.settled) {
      try {
        keep = this.hooks.item(result.value) !== false;
      } catch (error) {
        this.diag.error(OBSERVER_ERROR, error);
      }
    }
    if (keep) {
      this.activity.pending--;
      return result;
    }
    return this.source.next().then(this.onResult, this.onError);
  };

  private readonly onError = (error: unknown): never => {
    this.activity.pending--;
    if (!this.settled) this.settle(1, error);
    throw error;
  };

  /** Runs one terminal hook, once: 0 complete, 1 error, 2 stop. */
  private settle(kind: 0 | 1 | 2, error: unknown): void {
    this.settled = true;
    try {
      if (kind === 0) this.hooks.complete();
      else if (kind === 1) this.hooks.error(error);
      else this.hooks.stop();
    } catch (internal) {
      this.diag.error(OBSERVER_ERROR, internal);
    }
  }

  next(value?: undefined): Promise<IteratorResult<T>> {
    this.activity.reads++;
    this.activity.pending++;
    // biome-ignore lint/complexity/noArguments: no rest array per item; the argument is forwarded only when given
    const read = arguments.length === 0 ? this.source.next() : this.source.next(value);
    return read.then(this.onResult, this.onError);
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    if (!this.settled) this.settle(2, undefined);
    if (typeof this.source.return === 'function') return this.source.return(value as T);
    return Promise.resolve({ done: true, value: value as T });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    if (!this.settled) this.settle(1, error);
    if (typeof this.source.throw === 'function') return this.source.throw(error);
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
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
  return new ObservedIterator(source, hooks, diag, activity);
}
