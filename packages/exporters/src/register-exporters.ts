import { registerExporterFactory } from '@tapline/core';
import { createExporter } from './create-exporter';

/** Makes `{ type: 'otlp' | 'http' | 'kafka' }` in Tapline config resolve to this package's exporters. */
export function registerExporters(): void {
  for (const type of ['otlp', 'http', 'kafka'] as const) {
    registerExporterFactory(type, (description, diag) => createExporter(description, diag));
  }
}
