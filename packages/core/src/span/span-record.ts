/**
 * The span as it leaves the process: wire format version 1.
 *
 * One JSON object per span, identical for every exporter that sends JSON (HTTP collector, Kafka, console JSON
 * lines). `schema/span-v1.schema.json` describes the same shape; a test keeps the two in step.
 */

export const SCHEMA_VERSION = 1 as const;

export type SpanKind = 'llm' | 'embedding' | 'chain' | 'tool' | 'retriever' | 'agent' | 'custom';

export type SpanStatus = 'ok' | 'error' | 'aborted';

/** Where token counts came from: the provider's own report, our tokenizer, or a character-based estimate. */
export type UsageSource = 'provider' | 'tokenizer' | 'estimate';

/**
 * Token usage. `input` counts every prompt token, including cached reads and cache writes; `output` counts every
 * completion token, including reasoning. `cachedInput`, `cacheWrite` and `reasoning` are the parts of those totals.
 */
export interface SpanUsage {
  input?: number;
  output?: number;
  total?: number;
  cachedInput?: number;
  cacheWrite?: number;
  reasoning?: number;
  source: UsageSource;
}

/** Cost in US dollars, split by the part of the usage each amount prices. */
export interface SpanCost {
  currency: 'USD';
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
  reasoning?: number;
  total: number;
  /** `provider/model@version` of the price-table entry used. */
  priceVersion: string;
}

export interface SpanRequestParams {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  seed?: number;
  stopSequences?: number;
  stream?: boolean;
  toolCount?: number;
  toolChoice?: string;
  responseFormat?: string;
  n?: number;
  reasoningEffort?: string;
}

export interface SpanError {
  /** The error's class or API error type, e.g. `RateLimitError`, `overloaded_error`, `AbortError`. */
  type: string;
  code?: string;
  httpStatus?: number;
  /** Redacted and truncated. */
  message?: string;
}

export interface SpanFlags {
  sampled: boolean;
  piiDetected: boolean;
  injectionSuspected: boolean;
  contentCaptured: boolean;
  /** True when captured content or metadata was shortened to fit the limits. */
  truncated?: boolean;
}

export interface SpanToolCalls {
  count: number;
  names: string[];
}

/** A message of captured content, already redacted. */
export interface ContentMessage {
  role: string;
  content: string;
  name?: string;
}

export interface SpanContent {
  input?: ContentMessage[];
  output?: ContentMessage[];
  /** How the content was treated: `redacted` (PII replaced by placeholders) or `raw` (explicitly allowed). */
  mode: 'redacted' | 'raw';
}

export interface SpanSdk {
  name: string;
  version: string;
  /** The integration that recorded the span, e.g. `openai`, `vercel-ai`, `langchain`, `manual`. */
  integration?: string;
}

export type MetadataValue =
  | string
  | number
  | boolean
  | null
  | MetadataValue[]
  | { [key: string]: MetadataValue };

export interface SpanRecord {
  schemaVersion: typeof SCHEMA_VERSION;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: SpanKind;
  name: string;
  /** ISO 8601 wall-clock times; the duration itself is measured on a monotonic clock. */
  startTime: string;
  endTime: string;
  durationMs: number;
  ttftMs?: number;
  provider?: string;
  operation?: string;
  requestModel?: string;
  responseModel?: string;
  responseId?: string;
  request?: SpanRequestParams;
  usage?: SpanUsage;
  cost?: SpanCost;
  finishReasons?: string[];
  toolCalls?: SpanToolCalls;
  status: SpanStatus;
  error?: SpanError;
  appName?: string;
  environment?: string;
  userIdHash?: string;
  sessionIdHash?: string;
  promptHash?: string;
  piiCategories?: string[];
  /** A short hash prefix of the API key used, when enabled; never the key. */
  credentialFingerprint?: string;
  flags: SpanFlags;
  content?: SpanContent;
  metadata?: Record<string, MetadataValue>;
  sdk: SpanSdk;
}
