import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, SDK_NAME, SDK_VERSION, type SpanRecord } from '@tapline/core';

/** What the HTTP collector receives: one JSON object per batch. */
export interface BatchEnvelope {
  schemaVersion: typeof SCHEMA_VERSION;
  sdk: { name: string; version: string };
  /** ISO 8601 time the request was (first) built. */
  sentAt: string;
  /** Same value as the `Idempotency-Key` header. */
  batchId: string;
  spans: readonly SpanRecord[];
}

/**
 * The idempotency key of a batch: SHA-256 over its span ids, in order, as 32 hex characters. The same batch gets
 * the same key on every retry, after a spool replay and after a process restart, so a collector can deduplicate.
 */
export function batchIdOf(spans: readonly SpanRecord[]): string {
  const hash = createHash('sha256');
  for (const span of spans) hash.update(`${span.traceId}:${span.spanId};`);
  return hash.digest('hex').slice(0, 32);
}

export function batchEnvelope(spans: readonly SpanRecord[], now = new Date()): BatchEnvelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    sdk: { name: SDK_NAME, version: SDK_VERSION },
    sentAt: now.toISOString(),
    batchId: batchIdOf(spans),
    spans,
  };
}
