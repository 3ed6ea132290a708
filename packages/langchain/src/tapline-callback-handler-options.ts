import type { Telemetry } from '@tapline/core';

/** Options of `new TaplineCallbackHandler(options)`; every field is optional. */
export interface TaplineCallbackHandlerOptions {
  /** The telemetry instance spans go to. Default: the process default (`configure()` / `getTelemetry()`). */
  telemetry?: Telemetry;
  /** Identity and metadata for every span of this handler; run metadata (`user_id`, `session_id`…) wins. */
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  /** Runs still open this long after they started are ended as `aborted`. Default 600000 (10 minutes). */
  runDeadlineMs?: number;
  /** Open runs tracked at most; beyond it the oldest is ended as `aborted`. Default 10000. */
  maxOpenRuns?: number;
  /** Record runs LangChain/LangGraph tag `langsmith:hidden` (internal plumbing). Default false. */
  includeHidden?: boolean;
  /** Nest root runs under the active OpenTelemetry span when no Tapline span is active. Default true. */
  otelContext?: boolean;
  /**
   * Let LangChain call this handler inline (default true): timestamps are exact and the caller's context is
   * visible. `false` puts the callbacks on LangChain's background queue.
   */
  awaitHandlers?: boolean;
}
