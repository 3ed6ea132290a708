import type { StreamActivity } from './observe-async-iterator';

/**
 * One registered deadline. An observer can be its own entry (and its own activity), so that registering a stream
 * allocates nothing more; `expire` is called as a method.
 */
export interface DeadlineEntry {
  /** The deadline in ms, and when (Date.now()) the stream is next checked. */
  ms: number;
  checkAt: number;
  /** `activity.reads` when last checked. */
  seen: number;
  activity: StreamActivity;
  expire(): void;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => void };

/**
 * Every open stream's deadline, checked by one shared timer (instead of a timer per stream): registering a stream
 * is a set insertion, and the timer is re-armed only when a new deadline is earlier than the one it waits for.
 */
const deadlines = new Set<DeadlineEntry>();
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
 * Registers `entry` (its `ms` set, positive and finite): `entry.expire()` is called once the stream has gone `ms`
 * without being read. Cancel with {@link cancelDeadline}.
 */
export function registerDeadline(entry: DeadlineEntry): void {
  const now = Date.now();
  entry.seen = entry.activity.reads;
  entry.checkAt = now + entry.ms;
  deadlines.add(entry);
  // re-arm when this deadline comes first, or when the armed timer is stale (it should have fired long ago)
  if (timer === undefined || entry.checkAt < timerDue || now > timerDue + 1000) arm(entry.checkAt, now);
}

/** Removes a registered entry (no-op for one that expired or was never registered). */
export function cancelDeadline(entry: DeadlineEntry): void {
  deadlines.delete(entry);
}

/** Whether `ms` turns a deadline on (positive and finite). */
export function deadlineOn(ms: number): boolean {
  return ms > 0 && Number.isFinite(ms);
}

/**
 * Calls `expire` once a stream has gone `ms` without being read: never consumed, or abandoned mid-way without
 * `return()`. While the consumer keeps reading (or waits on a read), the deadline moves on. The shared timer never
 * keeps the process alive. Returns a function that cancels it; call it when the stream ends.
 */
export function startStreamDeadline(ms: number, activity: StreamActivity, expire: () => void): () => void {
  if (!deadlineOn(ms)) return noop;
  const entry: DeadlineEntry = { ms, checkAt: 0, seen: 0, activity, expire };
  registerDeadline(entry);
  return () => cancelDeadline(entry);
}

function noop(): void {}
