import type { Diagnostics } from '../diagnostics/diagnostics';
import type { ExportResult, SpanExporter } from '../export/span-exporter';
import { describeError } from '../span/describe-error';
import { type MetadataLimits, sanitizeMetadata } from '../span/sanitize-metadata';
import type { SpanData } from '../span/span-data';
import type { SpanRecord } from '../span/span-record';
import { type Resource, toRecord } from '../span/to-record';
import { completeSpanData } from './complete-span-data';
import type { SpanStage } from './span-stage';
import type { TelemetryStats } from './telemetry-stats';

export interface BatchProcessorOptions {
  exporter: SpanExporter;
  stages: readonly SpanStage[];
  resource: Resource;
  diag: Diagnostics;
  stats: TelemetryStats;
  metadataLimits: MetadataLimits;
  /** Spans held at most; beyond it new spans are dropped and counted. */
  maxQueueSize: number;
  /** Spans per export call. */
  maxBatchSize: number;
  /** Longest a span waits before its batch is processed. */
  scheduledDelayMs: number;
  /** An export that has not settled by then counts as failed. */
  exportTimeoutMs: number;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => void };

function unref(timer: Timer): Timer {
  timer.unref?.();
  return timer;
}

/**
 * The pipeline. On the call path `enqueue` is an array push and a flag check. Later, on a timer, spans are
 * taken in batches, run through the stages, turned into wire records and handed to the exporter — one export
 * at a time, each bounded by a timeout. Every span that does not reach the exporter is counted.
 */
export class BatchProcessor {
  private queue: SpanData[] = [];
  private timer: Timer | undefined;
  /** True while the armed timer is an immediate one (a full batch is waiting). */
  private timerImmediate = false;
  private draining: Promise<void> | undefined;
  private closed = false;
  private shutdownPromise: Promise<void> | undefined;
  private warnedFull = false;

  constructor(private readonly options: BatchProcessorOptions) {}

  get queued(): number {
    return this.queue.length;
  }

  enqueue(span: SpanData): void {
    const { stats } = this.options;
    if (this.closed) {
      stats.droppedAfterShutdown++;
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      stats.droppedQueueFull++;
      if (!this.warnedFull) {
        this.warnedFull = true;
        this.options.diag.warn(
          `span queue is full (${this.options.maxQueueSize}); dropping new spans. ` +
            'Raise queue.maxSize or check the exporter; stats().droppedQueueFull has the total.',
        );
      }
      return;
    }
    stats.ended++;
    this.queue.push(span);
    if (this.queue.length >= this.options.maxBatchSize) this.schedule(0);
    else if (!this.timer) this.schedule(this.options.scheduledDelayMs);
  }

  /** Processes and exports everything queued now; resolves when done or when `timeoutMs` passes. */
  async flush(timeoutMs: number): Promise<boolean> {
    const work = (async () => {
      await this.drain();
      await this.options.exporter.forceFlush?.();
    })();
    return this.withTimeout(work, timeoutMs);
  }

  /** Stops accepting spans, flushes, shuts the exporter down. Safe to call more than once. */
  shutdown(timeoutMs: number): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.closed = true;
      await this.flush(timeoutMs);
      await this.withTimeout(
        Promise.resolve().then(() => this.options.exporter.shutdown()),
        timeoutMs,
      );
    })();
    return this.shutdownPromise;
  }

  private schedule(delayMs: number): void {
    if (this.timer) {
      // an immediate drain is already armed (every span past a full batch would otherwise re-arm it)
      if (delayMs > 0 || this.timerImmediate) return;
      clearTimeout(this.timer);
    }
    this.timerImmediate = delayMs === 0;
    this.timer = unref(
      setTimeout(() => {
        this.timer = undefined;
        this.timerImmediate = false;
        void this.drain();
      }, delayMs),
    );
  }

  private drain(): Promise<void> {
    if (this.draining) {
      // A drain is running; it keeps going until the queue is empty, including what arrived meanwhile.
      return this.draining;
    }
    if (this.queue.length === 0) return Promise.resolve();
    const run = (async () => {
      // Yield once so that `finally` below can never run before `this.draining` is assigned.
      await undefined;
      try {
        while (this.queue.length > 0) {
          const batch = this.queue.splice(0, this.options.maxBatchSize);
          const records = await this.processBatch(batch);
          if (records.length > 0) await this.exportBatch(records);
        }
      } catch (error) {
        this.options.stats.internalErrors++;
        this.options.diag.error('span pipeline failed', error);
      } finally {
        this.draining = undefined;
      }
    })();
    this.draining = run;
    return run;
  }

  private async processBatch(batch: SpanData[]): Promise<SpanRecord[]> {
    const { stages, stats, diag, resource, metadataLimits } = this.options;
    const records: SpanRecord[] = [];
    for (const span of batch) {
      try {
        try {
          completeSpanData(span);
        } catch (error) {
          stats.stageErrors++;
          diag.warnOnce('resolve', 'an adapter could not complete a span; it continues without it', error);
        }
        if (span.rawError !== undefined && span.error === undefined)
          span.error = describeError(span.rawError);
        let dropped = false;
        for (const stage of stages) {
          if (!span.sampled && !stage.runsWhenUnsampled) continue;
          let outcome: void | 'drop' | Promise<void | 'drop'>;
          try {
            outcome = stage.process(span);
            if (outcome && typeof (outcome as Promise<unknown>).then === 'function') outcome = await outcome;
          } catch (error) {
            stats.stageErrors++;
            diag.warnOnce(
              `stage:${stage.name}`,
              `stage "${stage.name}" failed; spans continue without it`,
              error,
            );
            continue;
          }
          if (outcome === 'drop') {
            dropped = true;
            break;
          }
        }
        if (dropped || !span.sampled) {
          if (!span.sampled) stats.sampledOut++;
          else stats.droppedByStage++;
          continue;
        }
        let metadata: SpanRecord['metadata'];
        if (span.metadata) {
          const sanitized = sanitizeMetadata(span.metadata, metadataLimits);
          metadata = sanitized.value;
          if (sanitized.truncated) span.truncated = true;
        }
        records.push(toRecord(span, resource, metadata));
      } catch (error) {
        stats.internalErrors++;
        diag.warnOnce('process-span', 'a span could not be processed and was dropped', error);
      }
    }
    return records;
  }

  private async exportBatch(records: SpanRecord[]): Promise<void> {
    const { exporter, stats, diag, exportTimeoutMs } = this.options;
    let result: ExportResult | 'timeout';
    try {
      result = await this.race(exporter.export(records), exportTimeoutMs);
    } catch (error) {
      result = { code: 'retryable', error };
    }
    if (result === 'timeout') {
      stats.exportTimeouts++;
      stats.exportFailed += records.length;
      diag.warn(`export of ${records.length} spans timed out after ${exportTimeoutMs} ms`);
      return;
    }
    if (result && result.code === 'success') {
      stats.exported += records.length;
      return;
    }
    stats.exportFailed += records.length;
    diag.warn(
      `export of ${records.length} spans failed (${result?.code ?? 'invalid result'})`,
      result && 'error' in result ? result.error : undefined,
    );
  }

  private race<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
    let timer: Timer | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = unref(setTimeout(() => resolve('timeout'), timeoutMs));
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private async withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
    try {
      return (await this.race(work, timeoutMs)) !== 'timeout';
    } catch (error) {
      this.options.diag.warn('flush or shutdown failed', error);
      return false;
    }
  }
}
