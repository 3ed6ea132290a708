import type {
  ContentMessage,
  SpanContent,
  SpanCost,
  SpanError,
  SpanKind,
  SpanRequestParams,
  SpanStatus,
  SpanToolCalls,
  SpanUsage,
  UsageSource,
} from './span-record';

/** Captured content, or a function that produces it; functions run in the pipeline, off the call path. */
export type ContentSource = ContentMessage[] | (() => ContentMessage[] | undefined);

/** The fields an adapter sets on a live span. */
export interface SpanFields {
  provider?: string;
  operation?: string;
  requestModel?: string;
  responseModel?: string;
  responseId?: string;
  request?: SpanRequestParams;
  finishReasons?: string[];
  toolCalls?: SpanToolCalls;
}

/** Usage as an adapter reports it; `source` defaults to `provider`. */
export type UsageInput = Omit<SpanUsage, 'source'> & { source?: UsageSource };

export interface Identity {
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
}

/**
 * Everything known about a span, from its start to its export. Adapters fill the first group through the
 * `Span` handle; pipeline stages read the raw parts (identity, content, error) and fill the derived parts
 * (hashes, cost, flags, redacted content). Raw parts never leave the process.
 */
export interface SpanData extends SpanFields {
  /** Empty until drawn: ids are drawn when first read (`ensureSpanIds`), at the latest by the pipeline. */
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: SpanKind;
  name: string;
  integration?: string;
  startMono: number;
  endMono: number;
  firstTokenMono?: number;
  status: SpanStatus;
  usage?: SpanUsage;

  // raw, process-local
  /** Identity set on the span itself; wins over the context's and the base identity (merged by the pipeline). */
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  /** The active `withContext` identity when the span started. */
  contextIdentity?: Identity;
  /** The lowest-precedence identity (a client wrapper's options). */
  baseIdentity?: Identity;
  /**
   * Work an adapter left for the pipeline (span name, request parameters, input…): runs once, in the pipeline,
   * before the stages, so the call path only keeps references.
   */
  resolve?: (data: SpanData) => void;
  input?: ContentSource;
  output?: ContentSource;
  /** Streamed text deltas, joined in the pipeline when the provider reported no usage. */
  outputChunks?: string[];
  rawError?: unknown;
  /** An API key seen by the adapter, used only for an optional fingerprint; never exported. */
  credential?: string;

  // derived by stages
  sampled: boolean;
  error?: SpanError;
  cost?: SpanCost;
  userIdHash?: string;
  sessionIdHash?: string;
  promptHash?: string;
  piiDetected?: boolean;
  piiCategories?: string[];
  injectionSuspected?: boolean;
  truncated?: boolean;
  content?: SpanContent;
  /** A short hash prefix of `credential`, when enabled. */
  credentialFingerprint?: string;
}
