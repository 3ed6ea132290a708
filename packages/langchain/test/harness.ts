import type { ContentMessage, SpanRecord, TaplineConfig, Telemetry } from '@tapline/core';
import { createTestTelemetry } from '@tapline/testkit';
import { TaplineCallbackHandler, type TaplineCallbackHandlerOptions } from '../src/index';

export interface RawSpan {
  input?: ContentMessage[];
  output?: ContentMessage[];
}

export interface Harness {
  telemetry: Telemetry;
  handler: TaplineCallbackHandler;
  /** Flushes and returns every exported span (each checked against the span JSON Schema). */
  spans(): Promise<readonly SpanRecord[]>;
  /** Captured content by span id (the harness captures raw content unless `captureContent` is given). */
  raw: Map<string, RawSpan>;
  errors: unknown[];
}

/** A telemetry instance exporting to a schema-checking memory exporter, and a handler bound to it. */
export function harness(config: TaplineConfig = {}, options: TaplineCallbackHandlerOptions = {}): Harness {
  const test = createTestTelemetry({ captureContent: 'raw', ...config });
  const raw = new Map<string, RawSpan>();
  const handler = new TaplineCallbackHandler({ telemetry: test.telemetry, ...options });
  return {
    telemetry: test.telemetry,
    handler,
    raw,
    errors: test.errors,
    async spans() {
      const spans = await test.spans();
      for (const span of spans)
        raw.set(span.spanId, { input: span.content?.input, output: span.content?.output });
      return spans;
    },
  };
}

/** Spans keyed by name (the last one wins), for readable assertions. */
export function byName(spans: readonly SpanRecord[]): Record<string, SpanRecord> {
  return Object.fromEntries(spans.map((span) => [span.name, span]));
}

/** Asserts one trace whose spans all hang off a single root; returns the root. */
export function singleTree(spans: readonly SpanRecord[]): SpanRecord {
  const traces = new Set(spans.map((span) => span.traceId));
  if (traces.size !== 1) throw new Error(`expected one trace, got ${traces.size}`);
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  if (roots.length !== 1) throw new Error(`expected one root, got ${roots.map((r) => r.name).join(', ')}`);
  return roots[0]!;
}

/** `child → parent` names, for asserting the tree's shape. */
export function edges(spans: readonly SpanRecord[]): string[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  return spans
    .map(
      (span) =>
        `${span.kind}:${span.name} → ${span.parentSpanId ? (byId.get(span.parentSpanId)?.name ?? '?') : '∅'}`,
    )
    .sort();
}
