import { describe, expect, it } from 'vitest';
import { spanData } from '../../test/span-data';
import { silentDiagnostics } from '../diagnostics/diagnostics';
import { memoryExporter } from '../export/memory-exporter';
import { BatchProcessor } from '../pipeline/batch-processor';
import { createStats } from '../pipeline/telemetry-stats';
import { newSpanId, newTraceId } from '../span/ids';
import { DEFAULT_METADATA_LIMITS } from '../span/sanitize-metadata';
import type { SpanData } from '../span/span-data';
import type { SpanStatus } from '../span/span-record';
import { createSamplingStage } from './sampling-stage';
import { shouldSample } from './should-sample';

function span(traceId: string, status: SpanStatus = 'ok'): SpanData {
  return spanData({ traceId, spanId: newSpanId(), status });
}

const context = () => ({ diag: silentDiagnostics, stats: createStats() });

/** A trace id that the rate samples out. */
function droppedTraceId(rate: number): string {
  for (;;) {
    const id = newTraceId();
    if (!shouldSample(id, rate)) return id;
  }
}

describe('createSamplingStage', () => {
  it('is named sampling and does nothing at rate 1', () => {
    const stage = createSamplingStage({ rate: 1, keepErrors: true, keepAborted: true }, context());
    expect(stage.name).toBe('sampling');
    const s = span(newTraceId());
    stage.process(s);
    expect(s.sampled).toBe(true);
  });

  it('gives every span of a trace the same decision', () => {
    const stage = createSamplingStage({ rate: 0.5, keepErrors: false, keepAborted: false }, context());
    for (let i = 0; i < 200; i++) {
      const traceId = newTraceId();
      const spans = [span(traceId), span(traceId), span(traceId)];
      for (const s of spans) stage.process(s);
      expect(new Set(spans.map((s) => s.sampled)).size).toBe(1);
      expect(spans[0]!.sampled).toBe(shouldSample(traceId, 0.5));
    }
  });

  it('keeps errors and aborted calls when configured, drops them otherwise', () => {
    const keep = createSamplingStage({ rate: 0.1, keepErrors: true, keepAborted: true }, context());
    const noKeep = createSamplingStage({ rate: 0.1, keepErrors: false, keepAborted: false }, context());
    const traceId = droppedTraceId(0.1);
    for (const status of ['error', 'aborted'] as const) {
      const kept = span(traceId, status);
      keep.process(kept);
      expect(kept.sampled).toBe(true);
      const dropped = span(traceId, status);
      noKeep.process(dropped);
      expect(dropped.sampled).toBe(false);
    }
    const ok = span(traceId);
    keep.process(ok);
    expect(ok.sampled).toBe(false);
  });

  it('keeps errors but not aborted calls when only keepErrors is set', () => {
    const stage = createSamplingStage({ rate: 0.1, keepErrors: true, keepAborted: false }, context());
    const traceId = droppedTraceId(0.1);
    const error = span(traceId, 'error');
    const aborted = span(traceId, 'aborted');
    stage.process(error);
    stage.process(aborted);
    expect(error.sampled).toBe(true);
    expect(aborted.sampled).toBe(false);
  });

  it('lets the processor skip later stages and count sampled-out spans', async () => {
    const stats = createStats();
    const exporter = memoryExporter();
    let expensiveRuns = 0;
    const processor = new BatchProcessor({
      exporter,
      stages: [
        createSamplingStage(
          { rate: 0.25, keepErrors: true, keepAborted: true },
          { diag: silentDiagnostics, stats },
        ),
        { name: 'expensive', process: () => void expensiveRuns++ },
      ],
      resource: {},
      diag: silentDiagnostics,
      stats,
      metadataLimits: DEFAULT_METADATA_LIMITS,
      maxQueueSize: 10_000,
      maxBatchSize: 512,
      scheduledDelayMs: 1000,
      exportTimeoutMs: 1000,
    });
    const ids = Array.from({ length: 2000 }, () => newTraceId());
    for (const id of ids) processor.enqueue(span(id));
    await processor.flush(5000);
    const expected = ids.filter((id) => shouldSample(id, 0.25)).length;
    expect(expensiveRuns).toBe(expected);
    expect(stats.sampledOut).toBe(ids.length - expected);
    expect(exporter.spans.length).toBe(expected);
    await processor.shutdown(1000);
  });
});
