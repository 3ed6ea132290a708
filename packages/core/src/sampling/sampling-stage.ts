import type { ResolvedConfig } from '../config/resolve-config';
import type { SpanStage, StageContext } from '../pipeline/span-stage';
import { shouldSample } from './should-sample';

/**
 * The `sampling` stage: marks spans of traces outside the sampling rate as unsampled (`span.sampled = false`),
 * using `shouldSample(traceId, rate)`. Errors and aborted calls are kept when `keepErrors` / `keepAborted` say so.
 * The processor skips the later, expensive stages for unsampled spans and counts them in `stats.sampledOut`.
 * At rate 1 the stage does nothing (decided once, here).
 */
export function createSamplingStage(options: ResolvedConfig['sampling'], context: StageContext): SpanStage {
  void context;
  const { rate, keepErrors, keepAborted } = options;
  if (rate >= 1) return { name: 'sampling', process() {} };
  return {
    name: 'sampling',
    process(span) {
      if (!span.sampled) return;
      if (keepErrors && span.status === 'error') return;
      if (keepAborted && span.status === 'aborted') return;
      if (!shouldSample(span.traceId, rate)) span.sampled = false;
    },
  };
}
