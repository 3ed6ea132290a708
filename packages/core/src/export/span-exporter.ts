import type { SpanRecord } from '../span/span-record';

/**
 * The exporter contract: export a batch, shut down, optionally flush. Retry, timeout, spool and fan-out are
 * wrappers around an exporter, not code inside each one.
 */
export type ExportResult =
  | { code: 'success' }
  /** Worth trying again later (network error, 429, 5xx). `retryAfterMs` honours a server's hint. */
  | { code: 'retryable'; error?: unknown; retryAfterMs?: number }
  /** Will not succeed if repeated (400, 401, invalid payload). */
  | { code: 'failed'; error?: unknown };

export interface SpanExporter {
  /** Must not throw; a throw or rejection is treated as a retryable failure and counted. */
  export(spans: readonly SpanRecord[]): Promise<ExportResult>;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

export const EXPORT_SUCCESS: ExportResult = Object.freeze({ code: 'success' });
