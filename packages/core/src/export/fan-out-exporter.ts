import type { ExportResult, SpanExporter } from './span-exporter';

const RANK: Record<ExportResult['code'], number> = { success: 0, retryable: 1, failed: 2 };

/** Sends every batch to several exporters at once; the result is the worst of theirs. */
export function fanOutExporter(exporters: readonly SpanExporter[]): SpanExporter {
  if (exporters.length === 1) return exporters[0]!;
  return {
    async export(spans) {
      const results = await Promise.all(
        exporters.map((exporter) =>
          Promise.resolve()
            .then(() => exporter.export(spans))
            .catch((error): ExportResult => ({ code: 'retryable', error })),
        ),
      );
      let worst: ExportResult = { code: 'success' };
      for (const result of results) if (RANK[result?.code] > RANK[worst.code]) worst = result;
      return worst;
    },
    async shutdown() {
      await Promise.allSettled(exporters.map((exporter) => exporter.shutdown()));
    },
    async forceFlush() {
      await Promise.allSettled(exporters.map((exporter) => exporter.forceFlush?.()));
    },
  };
}
