import type { ExportResult, SpanExporter } from '@tapline/core';

/** Bounds each export: one that has not settled within `timeoutMs` returns `retryable`. */
export function withTimeout(exporter: SpanExporter, timeoutMs: number): SpanExporter {
  return {
    async export(spans) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<ExportResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ code: 'retryable', error: new Error(`export timed out after ${timeoutMs} ms`) }),
          timeoutMs,
        );
        timer.unref?.();
      });
      const work = Promise.resolve()
        .then(() => exporter.export(spans))
        .catch((error): ExportResult => ({ code: 'retryable', error }));
      try {
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: async () => {
      await exporter.forceFlush?.();
    },
  };
}
