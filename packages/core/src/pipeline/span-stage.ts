import type { Diagnostics } from '../diagnostics/diagnostics';
import type { SpanData } from '../span/span-data';
import type { TelemetryStats } from './telemetry-stats';

/**
 * One step of the processing chain that runs after a span ends, off the call path: sampling, token fill-in,
 * pricing, privacy. A stage reads and writes the span's data; returning `'drop'` removes the span (counted
 * under the stage's name). A stage that throws is reported and skipped for that span; the span goes on.
 */
export interface SpanStage {
  readonly name: string;
  process(span: SpanData): void | 'drop' | Promise<void | 'drop'>;
  /** Runs for spans already sampled out? Defaults to false: sampled-out spans skip expensive stages. */
  readonly runsWhenUnsampled?: boolean;
}

export interface StageContext {
  diag: Diagnostics;
  stats: TelemetryStats;
}
