import type { Diagnostics } from '../diagnostics/diagnostics';
import { createStreamActivity, type IteratorHooks, observeAsyncIterator } from './observe-async-iterator';
import { startStreamDeadline } from './stream-deadline';

/** Hooks for a stream; `expired` runs when nobody read the stream for the deadline. */
export interface SdkStreamHooks<T> extends IteratorHooks<T> {
  expired(): void;
}

interface IteratorFactoryHolder<T> {
  iterator?: () => AsyncIterator<T>;
}

/** Passes the hooks on (as method calls) and cancels the deadline when the stream ends. */
class DeadlineHooks<T> implements IteratorHooks<T> {
  cancel: () => void = noop;

  constructor(private readonly hooks: SdkStreamHooks<T>) {}

  item(item: T): boolean | undefined | void {
    return this.hooks.item(item);
  }
  complete(): void {
    this.cancel();
    this.hooks.complete();
  }
  error(error: unknown): void {
    this.cancel();
    this.hooks.error(error);
  }
  stop(): void {
    this.cancel();
    this.hooks.stop();
  }
}

function noop(): void {}

/**
 * Instruments, in place, the `Stream` object of Stainless-generated SDKs (`openai`, `@anthropic-ai/sdk`) by
 * wrapping its iterator factory, so the caller keeps the SDK's own object: `for await`, `tee()`,
 * `toReadableStream()` and `controller.abort()` keep working, and helpers built on it (`ChatCompletionStream`,
 * `MessageStream`) read through the observer. A stream never read ends through `hooks.expired` after
 * `deadlineMs`. Hooks are called as methods of `hooks`. Returns false (and changes nothing) when the object does
 * not have the expected shape.
 */
export function observeSdkStream<T>(
  stream: unknown,
  hooks: SdkStreamHooks<T>,
  deadlineMs: number,
  diag: Diagnostics,
): boolean {
  const holder = stream as IteratorFactoryHolder<T>;
  const factory = holder?.iterator;
  if (typeof factory !== 'function') return false;
  const activity = createStreamActivity();
  const observed = new DeadlineHooks(hooks);
  holder.iterator = function observedIterator(this: unknown) {
    return observeAsyncIterator(factory.call(this ?? stream), observed, diag, activity);
  };
  observed.cancel = startStreamDeadline(deadlineMs, activity, () => {
    try {
      hooks.expired();
    } catch (error) {
      diag.error('internal error while ending an unread stream', error);
    }
  });
  return true;
}
