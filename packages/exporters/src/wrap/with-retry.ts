import type { ExportResult, SpanExporter } from '@tapline/core';
import { sleep } from '../shared/sleep';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Delay before the first retry. Default 100 ms. */
  initialDelayMs?: number;
  /** Longest delay between two attempts (a `Retry-After` hint is capped here too). Default 5000 ms. */
  maxDelayMs?: number;
  /** Growth of the delay per attempt. Default 2. */
  multiplier?: number;
  /** Stop retrying once this much time has passed since the first attempt. Default 15000 ms (so that, with a 10 s request timeout, an export ends inside the pipeline's 30 s bound). */
  maxElapsedMs?: number;
  /** Random source for jitter, for tests. Default Math.random. */
  random?: () => number;
}

export const RETRY_DEFAULTS = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  multiplier: 2,
  maxElapsedMs: 15_000,
} as const;

/**
 * Retries `retryable` results with exponential backoff and full jitter (a random delay between 0 and the current
 * backoff), waiting at least as long as a `Retry-After` hint asks. `failed` results and successes return at once.
 * The last result is returned when attempts or time run out.
 */
export function withRetry(exporter: SpanExporter, options: RetryOptions = {}): SpanExporter {
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const initial = options.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs;
  const maxDelay = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const multiplier = options.multiplier ?? RETRY_DEFAULTS.multiplier;
  const maxElapsed = options.maxElapsedMs ?? RETRY_DEFAULTS.maxElapsedMs;
  const random = options.random ?? Math.random;
  let closed = false;

  return {
    async export(spans) {
      const started = Date.now();
      let backoff = initial;
      let result: ExportResult = { code: 'retryable' };
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          result = await exporter.export(spans);
        } catch (error) {
          result = { code: 'retryable', error };
        }
        if (result.code !== 'retryable' || attempt === maxAttempts || closed) return result;
        const jittered = Math.min(maxDelay, backoff) * random();
        const delay = Math.min(maxDelay, Math.max(jittered, result.retryAfterMs ?? 0));
        if (Date.now() - started + delay > maxElapsed) return result;
        await sleep(delay);
        backoff *= multiplier;
      }
      return result;
    },
    async shutdown() {
      closed = true;
      await exporter.shutdown();
    },
    async forceFlush() {
      await exporter.forceFlush?.();
    },
  };
}
