/**
 * Monotonic time for durations, wall time only for the start stamp. `performance.now()` is monotonic on every
 * runtime Tapline supports; `performance.timeOrigin + now` gives a wall-clock instant that never runs backwards
 * within a process.
 */

const perf = (globalThis as { performance?: { now(): number; timeOrigin?: number } }).performance;

export const monotonicNow: () => number = perf ? () => perf.now() : () => Date.now();

const origin = perf?.timeOrigin ?? Date.now() - monotonicNow();

/** Converts a monotonic reading to epoch milliseconds. */
export function toEpochMs(monotonic: number): number {
  return origin + monotonic;
}

/** Rounds to microseconds: enough for latency, and stable in JSON. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
