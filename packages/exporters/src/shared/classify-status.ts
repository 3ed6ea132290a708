import type { ExportResult } from '@tapline/core';

/** HTTP statuses worth retrying: request timeout, too many requests, and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Turns an HTTP status (and optional `Retry-After` delay) into an export result. */
export function resultFromStatus(status: number, retryAfterMs?: number, body?: string): ExportResult {
  if (status >= 200 && status < 300) return { code: 'success' };
  const error = new Error(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  if (!isRetryableStatus(status)) return { code: 'failed', error };
  return retryAfterMs === undefined
    ? { code: 'retryable', error }
    : { code: 'retryable', error, retryAfterMs };
}
