import type { StreamActivity } from './observe-async-iterator';

interface Deadline {
  ms: number;
  activity: StreamActivity;
  seen: number;
  /** Date.now() at which the stream is next checked. */
  checkAt: number;
  expire: () => void;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => void };

/**
 * Every open stream's deadline, checked by one shared timer (instead of a timer per stream): registering a stream
 * is a set insertion, and the timer is re-armed only when a new deadline is earlier than the one it waits for.
 */
const deadlines = new Set<Deadline>();
let timer: Timer | undefined;
let timerDue = 0;

function arm(due: number, now: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerDue = due;
  timer = setTimeout(sweep, Math.max(0, due - now)) as Timer;
  timer.unref?.();
}

function sweep(): void {
  timer = undefined;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  for (const deadline of deadlines) {
    if (deadline.checkAt <= now) {
      const { activity } = deadline;
      if (activity.pending === 0 && activity.reads === deadline.seen) {
        deadlines.delete(deadline);
        try {
          deadline.expire();
        } catch {
          // the caller reports its own failures; one failing stream must not stop the sweep
        }
        continue;
      }
      deadline.seen = activity.reads;
      deadline.checkAt = now + deadline.ms;
    }
    if (deadline.checkAt < next) next = deadline.checkAt;
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next, now);
}

/**
 * Calls `expire` once a stream has gone `ms` without being read: never consumed, or abandoned mid-way without
 * `return()`. While the consumer keeps reading (or waits on a read), the deadline moves on. The shared timer never
 * keeps the process alive. Returns a function that cancels it; call it when the stream ends.
 */
export function startStreamDeadline(ms: number, activity: StreamActivity, expire: () => void): () => void {
  if (!(ms > 0) || !Number.isFinite(ms)) return noop;
  const now = Date.now();
  const deadline: Deadline = { ms, activity, seen: activity.reads, checkAt: now + ms, expire };
  deadlines.add(deadline);
  // re-arm when this deadline comes first, or when the armed timer is stale (it should have fired long ago)
  if (timer === undefined || deadline.checkAt < timerDue || now > timerDue + 1000) arm(deadline.checkAt, now);
  return () => {
    deadlines.delete(deadline);
  };
}

function noop(): void {}
