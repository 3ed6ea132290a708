import type { PriceEntry } from '../cost/price-entry';
import type { DiagnosticsSink, LogLevel } from '../diagnostics/diagnostics';
import type { SpanExporter } from '../export/span-exporter';
import type { SpanStage } from '../pipeline/span-stage';
import type { PatternDefinition } from '../privacy/pattern-definition';
import type { MetadataLimits } from '../span/sanitize-metadata';

export type ExporterDescription =
  | { type: 'console'; format?: 'pretty' | 'json' }
  | { type: 'none' }
  | {
      type: 'otlp';
      endpoint?: string;
      protocol?: 'http/protobuf' | 'http/json' | 'grpc';
      headers?: Record<string, string>;
      [option: string]: unknown;
    }
  | { type: 'http'; url: string; headers?: Record<string, string>; [option: string]: unknown }
  | { type: 'kafka'; brokers: string[]; topic: string; clientId?: string; [option: string]: unknown };

export type ExporterOption = SpanExporter | ExporterDescription;

export type CaptureContent = 'off' | 'redacted' | 'raw';

/** Everything `createTelemetry` and `configure` accept. Every field is optional; `TAPLINE_*` variables fill gaps. */
export interface TaplineConfig {
  /** Off: every span is a shared no-op, nothing is queued or exported. Default true. */
  enabled?: boolean;
  /** `service.name` for OTLP; `appName` on every span. */
  appName?: string;
  environment?: string;
  /** Where spans go: an exporter object or a description; an array fans out. Default: none (nothing leaves). */
  exporter?: ExporterOption | ExporterOption[];
  /** Diagnostics verbosity. Default `none` (silent). */
  logLevel?: LogLevel;
  /** Receives diagnostics instead of the console. */
  logger?: DiagnosticsSink;
  queue?: {
    /** Spans held before new ones are dropped (and counted). Default 2048. */
    maxSize?: number;
    /** Spans per export. Default 512. */
    maxBatchSize?: number;
    /** Longest wait before a batch goes out. Default 1000 ms. */
    scheduledDelayMs?: number;
    /** An export that has not settled by then counts as failed. Default 30000 ms. */
    exportTimeoutMs?: number;
  };
  /** On Node: flush at `beforeExit` and on SIGTERM/SIGINT. Default true. */
  flushOnExit?: boolean;
  /** Bound for `flush()`/`shutdown()` and exit flushing. Default 5000 ms. */
  shutdownTimeoutMs?: number;
  metadataLimits?: Partial<MetadataLimits>;
  /** A stream nobody reads ends (aborted) after this long. Default 600000 ms (10 minutes). */
  streamDeadlineMs?: number;

  /** Secret for HMAC-SHA256 of user, session and declared identifiers. Without it: SHA-256 and a warning. */
  hashSecret?: string;
  /** Prompt/completion capture. Default `off`; `redacted` scans and replaces PII; `raw` keeps text as is. */
  captureContent?: CaptureContent;
  /** With captured content containing PII: `redact` (placeholders, default) or `drop` (no content field). */
  piiPolicy?: 'redact' | 'drop';
  /** Metadata keys whose values are identifiers: hashed like userId. */
  identifierKeys?: string[];
  /** Export a short hash prefix of the API key so keys can be told apart. Default false. */
  credentialFingerprint?: boolean;
  /** Extra scanner patterns. */
  patterns?: PatternDefinition[];
  /** A JSON or YAML file of extra scanner patterns (Node only). */
  patternsFile?: string;
  /** Characters scanned per text at most; beyond it the span says the scan was truncated. Default 65536. */
  maxScanLength?: number;

  sampling?: {
    /** Fraction of traces kept, from 0 to 1. Default 1. */
    rate?: number;
    /** Keep spans with status `error` whatever the rate. Default true. */
    keepErrors?: boolean;
    /** Keep spans with status `aborted` whatever the rate. Default true. */
    keepAborted?: boolean;
  };

  /** Price entries added to (or overriding) the shipped table. */
  prices?: PriceEntry[];
  /** A JSON file of price entries (Node only). */
  pricesFile?: string;
  /** Your names for models, e.g. Azure deployment names: `{ 'my-gpt4o-deploy': 'gpt-4o' }`. */
  modelAliases?: Record<string, string>;

  /** Extra stages run after the built-in ones, before export. */
  stages?: SpanStage[];
}
