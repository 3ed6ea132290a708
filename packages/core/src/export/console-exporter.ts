import type { SpanRecord } from '../span/span-record';
import { EXPORT_SUCCESS, type ExportResult, type SpanExporter } from './span-exporter';

export interface ConsoleExporterOptions {
  /** `pretty`: one readable line per span (default). `json`: one wire-format JSON object per line. */
  format?: 'pretty' | 'json';
  /** Where lines go; defaults to `console.log`. */
  write?: (line: string) => void;
}

function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(4)}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(ms < 10 ? 2 : 0)}ms`;
}

/** One human-readable line: what ran, on which model, tokens, cost, latency, status. */
export function formatSpanLine(span: SpanRecord): string {
  const parts: string[] = [span.kind.padEnd(9), span.name];
  const model = span.responseModel ?? span.requestModel;
  if (model && !span.name.includes(model)) parts.push(model);
  if (span.provider) parts.push(`(${span.provider})`);
  if (span.usage) {
    const marker = span.usage.source === 'provider' ? '' : ` ~${span.usage.source}`;
    const { input, output } = span.usage;
    parts.push(
      `tokens ${input ?? '?'}${output === undefined && input !== undefined ? '' : `→${output ?? '?'}`}${marker}`,
    );
  }
  if (span.cost) parts.push(formatCost(span.cost.total));
  parts.push(formatMs(span.durationMs));
  if (span.ttftMs !== undefined) parts.push(`ttft ${formatMs(span.ttftMs)}`);
  let status: string = span.status;
  if (span.error) status += ` ${span.error.type}${span.error.httpStatus ? ` ${span.error.httpStatus}` : ''}`;
  parts.push(status);
  if (span.flags.piiDetected) parts.push('pii');
  if (span.flags.injectionSuspected) parts.push('injection?');
  parts.push(`trace=${span.traceId.slice(0, 8)}`);
  return `[tapline] ${parts.join(' ')}`;
}

/** Prints spans for people (one line each) or as JSON lines. */
export function consoleExporter(options: ConsoleExporterOptions = {}): SpanExporter {
  const format = options.format ?? 'pretty';
  const write = options.write ?? ((line: string) => console.log(line));
  return {
    async export(spans): Promise<ExportResult> {
      for (const span of spans) write(format === 'json' ? JSON.stringify(span) : formatSpanLine(span));
      return EXPORT_SUCCESS;
    },
    async shutdown() {},
  };
}
