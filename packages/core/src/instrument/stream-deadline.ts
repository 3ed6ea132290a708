import type { StreamActivity } from './observe-async-iterator';

/**
 * Calls `expire` once a stream has gone `ms` without being read: never consumed, or abandoned mid-way without
 * `return()`. While the consumer keeps reading (or waits on a read), the deadline moves on. The timer never keeps
 * the process alive. Returns a function that cancels it; call it when the stream ends.
 */
export function startStreamDeadline(ms: number, activity: StreamActivity, expire: () => void): () => void {
  if (!(ms > 0) || !Number.isFinite(ms)) return noop;
  let seen = activity.reads;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (activity.pending > 0 || activity.reads !== seen) {
      seen = activity.reads;
      arm();
      return;
    }
    timer = undefined;
    expire();
  };
  const arm = () => {
    timer = setTimeout(check, ms);
    (timer as { unref?: () => void }).unref?.();
  };
  arm();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}

function noop(): void {}
