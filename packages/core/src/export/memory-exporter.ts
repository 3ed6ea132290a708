import type { SpanRecord } from '../span/span-record';
import { EXPORT_SUCCESS, type ExportResult, type SpanExporter } from './span-exporter';

export interface MemoryExporter extends SpanExporter {
  /** Every span exported so far, oldest first. */
  readonly spans: readonly SpanRecord[];
  /** The batches as they arrived. */
  readonly batches: readonly (readonly SpanRecord[])[];
  /** Forgets what was exported. */
  reset(): void;
  /** Resolves once at least `count` spans have arrived; rejects after `timeoutMs`. */
  waitForSpans(count: number, timeoutMs?: number): Promise<readonly SpanRecord[]>;
  readonly isShutdown: boolean;
}

/** An exporter that keeps spans in memory, for tests. Each span is a deep copy of what would be sent. */
export function memoryExporter(): MemoryExporter {
  let spans: SpanRecord[] = [];
  let batches: SpanRecord[][] = [];
  let shutdown = false;
  const waiters = new Set<() => void>();

  return {
    get spans() {
      return spans;
    },
    get batches() {
      return batches;
    },
    get isShutdown() {
      return shutdown;
    },
    async export(batch): Promise<ExportResult> {
      const copy = JSON.parse(JSON.stringify(batch)) as SpanRecord[];
      batches.push(copy);
      spans.push(...copy);
      for (const wake of waiters) wake();
      return EXPORT_SUCCESS;
    },
    async shutdown() {
      shutdown = true;
    },
    async forceFlush() {},
    reset() {
      spans = [];
      batches = [];
    },
    waitForSpans(count, timeoutMs = 5000) {
      if (spans.length >= count) return Promise.resolve(spans);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (spans.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(spans);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`memoryExporter: expected ${count} spans within ${timeoutMs} ms, got ${spans.length}`),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
  };
}
