import type { Diagnostics } from '../diagnostics/diagnostics';
import { type IteratorHooks, observeAsyncIterator, type StreamActivity } from './observe-async-iterator';
import { cancelDeadline, type DeadlineEntry, deadlineOn, registerDeadline } from './stream-deadline';

/** Hooks for a stream; `expired` runs when nobody read the stream for the deadline. */
export interface SdkStreamHooks<T> extends IteratorHooks<T> {
  expired(): void;
}

interface IteratorFactoryHolder<T> {
  iterator?: () => AsyncIterator<T>;
}

/**
 * One observed stream in one object: it passes the hooks on (as method calls), counts reads (it is the stream's
 * activity) and is the stream's deadline entry, cancelled when the stream ends.
 */
class WatchedStream<T> implements IteratorHooks<T>, StreamActivity, DeadlineEntry {
  reads = 0;
  pending = 0;
  checkAt = 0;
  seen = 0;
  activity: StreamActivity = this;

  constructor(
    private readonly hooks: SdkStreamHooks<T>,
    readonly ms: number,
    private readonly diag: Diagnostics,
  ) {}

  item(item: T): boolean | undefined | void {
    return this.hooks.item(item);
  }
  complete(): void {
    cancelDeadline(this);
    this.hooks.complete();
  }
  error(error: unknown): void {
    cancelDeadline(this);
    this.hooks.error(error);
  }
  stop(): void {
    cancelDeadline(this);
    this.hooks.stop();
  }
  expire(): void {
    try {
      this.hooks.expired();
    } catch (error) {
      this.diag.error('internal error while ending an unread stream', error);
    }
  }
}

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
  const watched = new WatchedStream(hooks, deadlineMs, diag);
  holder.iterator = function observedIterator(this: unknown) {
    return observeAsyncIterator(factory.call(this ?? stream), watched, diag, watched);
  };
  if (deadlineOn(deadlineMs)) registerDeadline(watched);
  return true;
}
