import { monotonicNow, type Span, type SpanRequestParams } from '@tapline/core';

/** What the handler keeps per open run: the span, its parent run, when it started. */
export interface RunState {
  span: Span;
  /** False for a hidden run that passes its parent's span through to its children (never ended by it). */
  owned: boolean;
  parentRunId: string | undefined;
  startedAt: number;
  /** Model runs: the request parameters recorded at start. */
  request?: SpanRequestParams;
  /** Model runs: set at the first streamed token. */
  streamed?: boolean;
  /** Agent runs: the tools chosen so far (from `handleAgentAction`). */
  toolNames?: string[];
  /** Removes listeners the run holds (its abort-signal watch); called when the run leaves the registry. */
  detach?: () => void;
}

export interface RunRegistryOptions {
  /** A run still open this long after it started is ended as `aborted`. */
  deadlineMs: number;
  /** Open runs held at most; beyond it the oldest is ended as `aborted`. */
  maxRuns: number;
  /** Reports runs ended by the deadline or the cap. */
  onEvict?: (reason: 'deadline' | 'capacity', count: number) => void;
}

/**
 * Open runs by `runId`. A run leaves at its end or error; runs that never end are swept after a deadline by
 * an unref'd timer that runs only while runs are open (and one period after), so the map cannot grow without
 * bound.
 */
export class RunRegistry {
  private readonly runs = new Map<string, RunState>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly sweepEveryMs: number;

  constructor(private readonly options: RunRegistryOptions) {
    this.sweepEveryMs = Math.max(50, Math.min(options.deadlineMs, 60_000));
  }

  get size(): number {
    return this.runs.size;
  }

  get(runId: string | undefined): RunState | undefined {
    return runId === undefined ? undefined : this.runs.get(runId);
  }

  add(runId: string, state: RunState): void {
    if (this.runs.size >= this.options.maxRuns) this.evictOldest();
    this.runs.set(runId, state);
    if (this.timer === undefined) this.startTimer();
  }

  /** Removes and returns the run, if open. */
  take(runId: string): RunState | undefined {
    const state = this.runs.get(runId);
    if (state === undefined) return undefined;
    this.runs.delete(runId);
    state.detach?.();
    return state;
  }

  /** Ends every open run below `runId` as aborted (an abandoned subtree after a cancellation). */
  abortDescendants(runId: string, reason: unknown): void {
    const doomed: string[] = [];
    for (const [id, state] of this.runs) {
      let parent = state.parentRunId;
      for (let depth = 0; parent !== undefined && depth < 1000; depth++) {
        if (parent === runId) {
          doomed.push(id);
          break;
        }
        parent = this.runs.get(parent)?.parentRunId;
      }
    }
    for (const id of doomed) abortRun(this.take(id), reason);
  }

  /** The open runs above `runId`, nearest first. */
  ancestors(runId: string | undefined): string[] {
    const ids: string[] = [];
    for (let id = runId; id !== undefined && ids.length < 1000; id = this.runs.get(id)?.parentRunId) {
      if (!this.runs.has(id)) break;
      ids.push(id);
    }
    return ids;
  }

  /** Ends the run as aborted, if open. */
  abort(runId: string, reason: unknown): void {
    abortRun(this.take(runId), reason);
  }

  /** Ends runs older than the deadline as aborted. Returns how many. */
  sweep(now = monotonicNow()): number {
    const cutoff = now - this.options.deadlineMs;
    const expired: string[] = [];
    for (const [id, state] of this.runs) if (state.startedAt <= cutoff) expired.push(id);
    for (const id of expired) abortRun(this.take(id), new RunDeadlineError(this.options.deadlineMs));
    if (expired.length > 0) this.options.onEvict?.('deadline', expired.length);
    // The timer outlives the last run by one period (no set/clear churn per call), then stops.
    if (this.runs.size === 0) this.stopTimer();
    return expired.length;
  }

  /** Ends every open run as aborted and stops the timer. */
  clear(reason?: unknown): void {
    const states = [...this.runs.values()];
    this.runs.clear();
    this.stopTimer();
    for (const state of states) abortRun(state, reason);
  }

  private evictOldest(): void {
    const oldest = this.runs.keys().next();
    if (oldest.done) return;
    abortRun(this.take(oldest.value), new RunDeadlineError(0));
    this.options.onEvict?.('capacity', 1);
  }

  private startTimer(): void {
    const timer = setInterval(() => {
      try {
        this.sweep();
      } catch {
        // a span's abort never throws; nothing to report here
      }
    }, this.sweepEveryMs);
    (timer as { unref?: () => void }).unref?.();
    this.timer = timer;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function abortRun(state: RunState | undefined, reason: unknown): void {
  if (state?.owned) state.span.abort(reason);
}

/** The reason recorded on runs ended by the deadline sweep or the capacity cap. */
export class RunDeadlineError extends Error {
  override name = 'RunDeadlineError';
  constructor(deadlineMs: number) {
    super(
      deadlineMs > 0
        ? `the LangChain run did not end within ${deadlineMs} ms`
        : 'too many open LangChain runs; the oldest was ended',
    );
  }
}
