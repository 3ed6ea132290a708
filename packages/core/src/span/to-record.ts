import { roundMs, toEpochMs } from './clock';
import type { SpanData } from './span-data';
import { type MetadataValue, SCHEMA_VERSION, type SpanRecord } from './span-record';
import { SDK_NAME, SDK_VERSION } from './version';

export interface Resource {
  appName?: string;
  environment?: string;
}

/**
 * Builds the wire-format record from a processed span. Raw identity, raw content, the raw error and any
 * credential stay behind: only fields derived by the stages are copied.
 */
export function toRecord(
  span: SpanData,
  resource: Resource,
  metadata?: Record<string, MetadataValue>,
): SpanRecord {
  const record: SpanRecord = {
    schemaVersion: SCHEMA_VERSION,
    traceId: span.traceId,
    spanId: span.spanId,
    kind: span.kind,
    name: span.name,
    startTime: new Date(toEpochMs(span.startMono)).toISOString(),
    endTime: new Date(toEpochMs(span.endMono)).toISOString(),
    durationMs: roundMs(Math.max(0, span.endMono - span.startMono)),
    status: span.status,
    flags: {
      sampled: span.sampled,
      piiDetected: span.piiDetected ?? false,
      injectionSuspected: span.injectionSuspected ?? false,
      contentCaptured: span.content !== undefined,
    },
    sdk: { name: SDK_NAME, version: SDK_VERSION },
  };
  if (span.integration) record.sdk.integration = span.integration;
  if (span.parentSpanId) record.parentSpanId = span.parentSpanId;
  if (span.firstTokenMono !== undefined)
    record.ttftMs = roundMs(Math.max(0, span.firstTokenMono - span.startMono));
  if (span.provider) record.provider = span.provider;
  if (span.operation) record.operation = span.operation;
  if (span.requestModel) record.requestModel = span.requestModel;
  if (span.responseModel) record.responseModel = span.responseModel;
  if (span.responseId) record.responseId = span.responseId;
  if (span.request && Object.keys(span.request).length > 0) record.request = span.request;
  if (span.usage) record.usage = span.usage;
  if (span.cost) record.cost = span.cost;
  if (span.finishReasons && span.finishReasons.length > 0) record.finishReasons = span.finishReasons;
  if (span.toolCalls) record.toolCalls = span.toolCalls;
  if (span.error) record.error = span.error;
  if (resource.appName) record.appName = resource.appName;
  if (resource.environment) record.environment = resource.environment;
  if (span.userIdHash) record.userIdHash = span.userIdHash;
  if (span.sessionIdHash) record.sessionIdHash = span.sessionIdHash;
  if (span.promptHash) record.promptHash = span.promptHash;
  if (span.piiCategories && span.piiCategories.length > 0) record.piiCategories = span.piiCategories;
  if (span.credentialFingerprint) record.credentialFingerprint = span.credentialFingerprint;
  if (span.content) record.content = span.content;
  if (span.truncated) record.flags.truncated = true;
  if (metadata && Object.keys(metadata).length > 0) record.metadata = metadata;
  return record;
}
