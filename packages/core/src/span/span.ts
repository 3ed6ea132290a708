import { monotonicNow } from './clock';
import { ensureSpanIds } from './ids';
import type { ContentSource, Identity, SpanData, SpanFields, UsageInput } from './span-data';
import type { SpanKind } from './span-record';

/**
 * The handle adapters and manual instrumentation hold while a call runs. Every method is cheap (stores a
 * reference or a timestamp), never throws, and does nothing once the span has ended.
 */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  readonly kind: SpanKind;
  /** False for the shared no-op span returned when telemetry is disabled. */
  readonly isRecording: boolean;
  readonly ended: boolean;
  set(fields: SpanFields): this;
  setUsage(usage: UsageInput): this;
  setIdentity(identity: Identity): this;
  setMetadata(metadata: Record<string, unknown>): this;
  /** Prompt content (or a function producing it). Used for the prompt hash, token fill-in and, if enabled, capture. */
  setInput(content: ContentSource): this;
  setOutput(content: ContentSource): this;
  /** Appends a streamed text delta (kept by reference; joined off the call path). */
  appendOutputText(text: string): this;
  /** Records an API key for the optional credential fingerprint; the key itself is never exported. */
  setCredential(key: string): this;
  /**
   * Time to first token: the first call wins. `at` is a `monotonicNow()` reading for when the first token
   * arrived, for integrations that learn the time only afterwards; default: now.
   */
  markFirstToken(at?: number): this;
  /**
   * Runs `fn` later, in the pipeline (before the stages, in a warm batch), with a handle that writes to this span
   * even though it has ended by then: for summaries an adapter would otherwise work out on the caller's path
   * (usage mapping, response fields). `fn` must only read state that no longer changes. Calls run in order;
   * ignored once the span has ended; a throw is counted in `stats().stageErrors` and reported once.
   */
  defer(fn: (span: Span) => void): this;
  end(): void;
  /** Ends with status `error`; the error is described (type, code, HTTP status, redacted message) off the call path. */
  fail(error: unknown): void;
  /** Ends with status `aborted`: cancelled by a signal, a consumer that stopped reading, or a deadline. */
  abort(reason?: unknown): void;
}

export type SpanSink = (data: SpanData) => void;

/** The sink of the pipeline's short-lived handles on a span's data (`defer`); they are never ended. */
function ignoreSink(): void {}

export class LiveSpan implements Span {
  readonly isRecording = true;
  ended = false;

  constructor(
    readonly data: SpanData,
    private readonly sink: SpanSink,
  ) {}

  get traceId(): string {
    if (this.data.traceId === '') ensureSpanIds(this.data);
    return this.data.traceId;
  }

  get spanId(): string {
    if (this.data.spanId === '') ensureSpanIds(this.data);
    return this.data.spanId;
  }

  get kind(): SpanKind {
    return this.data.kind;
  }

  set(fields: SpanFields): this {
    if (!this.ended) Object.assign(this.data, fields);
    return this;
  }

  setUsage(usage: UsageInput): this {
    if (!this.ended) this.data.usage = { ...usage, source: usage.source ?? 'provider' };
    return this;
  }

  setIdentity(identity: Identity): this {
    if (this.ended) return this;
    if (identity.userId !== undefined) this.data.userId = identity.userId;
    if (identity.sessionId !== undefined) this.data.sessionId = identity.sessionId;
    if (identity.metadata !== undefined) this.setMetadata(identity.metadata);
    return this;
  }

  setMetadata(metadata: Record<string, unknown>): this {
    if (!this.ended)
      this.data.metadata = this.data.metadata ? { ...this.data.metadata, ...metadata } : metadata;
    return this;
  }

  setInput(content: ContentSource): this {
    if (!this.ended) this.data.input = content;
    return this;
  }

  setOutput(content: ContentSource): this {
    if (!this.ended) this.data.output = content;
    return this;
  }

  appendOutputText(text: string): this {
    if (!this.ended && typeof text === 'string' && text.length > 0) {
      const chunks = this.data.outputChunks;
      if (chunks) chunks.push(text);
      else this.data.outputChunks = [text];
    }
    return this;
  }

  setCredential(key: string): this {
    if (!this.ended) this.data.credential = key;
    return this;
  }

  markFirstToken(at?: number): this {
    if (!this.ended && this.data.firstTokenMono === undefined) {
      const now = monotonicNow();
      this.data.firstTokenMono =
        typeof at === 'number' && Number.isFinite(at)
          ? Math.min(now, Math.max(this.data.startMono, at))
          : now;
    }
    return this;
  }

  defer(fn: (span: Span) => void): this {
    if (this.ended) return this;
    const prior = this.data.resolve;
    this.data.resolve = prior
      ? (data) => {
          prior(data);
          fn(new LiveSpan(data, ignoreSink));
        }
      : (data) => fn(new LiveSpan(data, ignoreSink));
    return this;
  }

  end(): void {
    this.finish('ok');
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.data.rawError = error;
    this.finish('error');
  }

  abort(reason?: unknown): void {
    if (this.ended) return;
    if (reason !== undefined) this.data.rawError = reason;
    this.finish('aborted');
  }

  private finish(status: SpanData['status']): void {
    if (this.ended) return;
    this.ended = true;
    this.data.endMono = monotonicNow();
    this.data.status = status;
    this.sink(this.data);
  }
}

class NoopSpan implements Span {
  readonly traceId = '0'.repeat(32);
  readonly spanId = '0'.repeat(16);
  readonly kind = 'custom' as const;
  readonly isRecording = false;
  readonly ended = true;
  set(): this {
    return this;
  }
  setUsage(): this {
    return this;
  }
  setIdentity(): this {
    return this;
  }
  setMetadata(): this {
    return this;
  }
  setInput(): this {
    return this;
  }
  setOutput(): this {
    return this;
  }
  appendOutputText(): this {
    return this;
  }
  setCredential(): this {
    return this;
  }
  markFirstToken(): this {
    return this;
  }
  defer(): this {
    return this;
  }
  end(): void {}
  fail(): void {}
  abort(): void {}
}

export const noopSpan: Span = new NoopSpan();
