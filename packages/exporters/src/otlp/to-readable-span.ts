import { SpanKind, type SpanStatus, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { SpanRecord } from '@tapline/core';
import { hrTime } from '../shared/hr-time';
import { genAiAttributes, spanName } from './gen-ai-attributes';

export const INSTRUMENTATION_SCOPE = { name: '@tapline/exporters', version: '0.1.0' };

/** The OpenTelemetry span kind: CLIENT for model calls (llm, embedding), INTERNAL for the rest. */
export function spanKindOf(record: SpanRecord): SpanKind {
  return record.kind === 'llm' || record.kind === 'embedding' ? SpanKind.CLIENT : SpanKind.INTERNAL;
}

/** The OpenTelemetry status: ERROR (with the redacted message) for errors, OK for ok, UNSET for aborted. */
export function spanStatusOf(record: SpanRecord): SpanStatus {
  return record.status === 'error'
    ? { code: SpanStatusCode.ERROR, ...(record.error?.message ? { message: record.error.message } : {}) }
    : { code: record.status === 'ok' ? SpanStatusCode.OK : SpanStatusCode.UNSET };
}

/** A finished OpenTelemetry span built from a Tapline span, for the OTel SDK's own OTLP exporters. */
export function toReadableSpan(record: SpanRecord, resource: Resource): ReadableSpan {
  const start = Date.parse(record.startTime);
  const spanContext = { traceId: record.traceId, spanId: record.spanId, traceFlags: TraceFlags.SAMPLED };
  const status = spanStatusOf(record);
  return {
    name: spanName(record),
    kind: spanKindOf(record),
    spanContext: () => spanContext,
    ...(record.parentSpanId
      ? {
          parentSpanContext: {
            traceId: record.traceId,
            spanId: record.parentSpanId,
            traceFlags: TraceFlags.SAMPLED,
          },
        }
      : {}),
    startTime: hrTime(start),
    endTime: hrTime(start + record.durationMs),
    duration: hrTime(record.durationMs),
    status,
    attributes: genAiAttributes(record),
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: INSTRUMENTATION_SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}
