import { type Diagnostics, type ExportResult, type SpanExporter, silentDiagnostics } from '@tapline/core';
import { type DiskSpool, type FsyncPolicy, openDiskSpool } from './disk-spool';

export interface SpoolOptions {
  /** Directory of the spool; one process per directory. */
  dir: string;
  /** Bytes on disk at most; the oldest batches are evicted beyond it (counted). Default 64 MiB. */
  maxBytes?: number;
  /** Segment file size. Default 4 MiB (at most a quarter of maxBytes). */
  segmentBytes?: number;
  /** Default `always`: a batch is fdatasync'ed before the export reports success. */
  fsync?: FsyncPolicy;
  /** First wait before replaying after a failure; doubles up to `maxRetryIntervalMs`. Default 500 ms. */
  retryIntervalMs?: number;
  /** Default 30000 ms. */
  maxRetryIntervalMs?: number;
  diag?: Diagnostics;
}

export interface SpoolStats {
  /** Spans written to the spool because the destination failed or the spool was not empty. */
  spooledSpans: number;
  /** Spooled spans later delivered. */
  replayedSpans: number;
  /** Spans evicted, oldest first, to keep the spool under `maxBytes`. */
  evictedSpans: number;
  /** Spooled spans the destination rejected for good (`failed`) on replay. */
  rejectedSpans: number;
  /** Appends that failed (disk full, permissions); those batches were reported as `retryable`. */
  writeErrors: number;
  /** What is on disk now. */
  pendingSpans: number;
  pendingBatches: number;
  pendingBytes: number;
}

export type SpoolingExporter = SpanExporter & { stats(): SpoolStats };

/**
 * Nothing lost while the destination is down: a batch that comes back `retryable` is written to a bounded
 * on-disk spool and the export reports success; while the spool holds anything, new batches go behind it so
 * order is kept. A background replay (timer unref'd, backoff doubling) sends spooled batches oldest first
 * once the destination answers again, including batches a previous process left in the same directory.
 */
export function withSpool(exporter: SpanExporter, options: SpoolOptions): SpoolingExporter {
  const diag = options.diag ?? silentDiagnostics;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const segmentBytes = Math.min(
    options.segmentBytes ?? 4 * 1024 * 1024,
    Math.max(1, Math.floor(maxBytes / 4)),
  );
  const firstInterval = options.retryIntervalMs ?? 500;
  const maxInterval = options.maxRetryIntervalMs ?? 30_000;
  const counts = { spooledSpans: 0, replayedSpans: 0, evictedSpans: 0, rejectedSpans: 0, writeErrors: 0 };
  let interval = firstInterval;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;
  let closed = false;
  let spool: DiskSpool | undefined;
  const ready = openDiskSpool({
    dir: options.dir,
    maxBytes,
    segmentBytes,
    fsync: options.fsync ?? 'always',
  }).then((opened) => {
    spool = opened;
    if (opened.batches > 0) schedule(0);
    return opened;
  });
  ready.catch((error) => diag.error(`spool directory ${options.dir} cannot be used`, error));

  function schedule(delay: number): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delay);
    timer.unref?.();
  }

  function drain(): Promise<void> {
    draining ??= (async () => {
      try {
        const opened = await ready;
        while (!closed) {
          const batch = await opened.peek();
          if (!batch) break;
          let result: ExportResult;
          try {
            result = await exporter.export(batch.spans);
          } catch (error) {
            result = { code: 'retryable', error };
          }
          if (result.code === 'retryable') {
            schedule(Math.max(interval, result.retryAfterMs ?? 0));
            interval = Math.min(maxInterval, interval * 2);
            return;
          }
          if (result.code === 'success') counts.replayedSpans += batch.spans.length;
          else {
            counts.rejectedSpans += batch.spans.length;
            diag.warn(
              `destination rejected ${batch.spans.length} spooled spans; they are dropped`,
              result.error,
            );
          }
          await opened.ack();
          interval = firstInterval;
        }
      } catch (error) {
        diag.error('spool replay failed', error);
        schedule(interval);
      } finally {
        draining = undefined;
      }
    })();
    return draining;
  }

  async function store(
    opened: DiskSpool,
    spans: Parameters<SpanExporter['export']>[0],
  ): Promise<ExportResult> {
    try {
      const { evictedSpans } = await opened.append(spans);
      counts.spooledSpans += spans.length;
      if (evictedSpans > 0) {
        counts.evictedSpans += evictedSpans;
        diag.warnOnce(
          'spool-evicted',
          `spool reached ${maxBytes} bytes; oldest spans evicted (stats().evictedSpans has the total)`,
        );
      }
      return { code: 'success' };
    } catch (error) {
      counts.writeErrors++;
      return { code: 'retryable', error };
    }
  }

  return {
    async export(spans) {
      let opened: DiskSpool;
      try {
        opened = await ready;
      } catch {
        return exporter.export(spans);
      }
      if (opened.batches === 0 && !draining) {
        const result = await exporter
          .export(spans)
          .catch((error): ExportResult => ({ code: 'retryable', error }));
        if (result.code !== 'retryable' || closed) return result;
        const stored = await store(opened, spans);
        schedule(Math.max(interval, result.retryAfterMs ?? 0));
        return stored;
      }
      const stored = await store(opened, spans);
      if (!timer) void drain();
      return stored;
    },
    /** Tries to replay what is spooled now (once; a destination still down leaves it for later). */
    async forceFlush() {
      await exporter.forceFlush?.();
      if (closed || !spool || spool.batches === 0) return;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await draining;
      await drain();
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await draining;
      await spool?.close();
      await exporter.shutdown();
    },
    stats() {
      return {
        ...counts,
        pendingSpans: spool?.spans ?? 0,
        pendingBatches: spool?.batches ?? 0,
        pendingBytes: spool?.bytes ?? 0,
      };
    },
  };
}
