/** Counters for everything the pipeline did with spans, so that nothing is lost silently. */
export interface TelemetryStats {
  /** Spans started (recording). */
  started: number;
  /** Spans ended and handed to the pipeline. */
  ended: number;
  /** Spans delivered to the exporter with success. */
  exported: number;
  /** Dropped because the queue was full. */
  droppedQueueFull: number;
  /** Ended after shutdown began. */
  droppedAfterShutdown: number;
  /** Sampled out by the sampling stage. */
  sampledOut: number;
  /** Dropped by a stage other than sampling (e.g. a user stage). */
  droppedByStage: number;
  /** Stage failures (the span continued without that stage's work). */
  stageErrors: number;
  /** Spans in batches whose export failed (any reason, including timeout). */
  exportFailed: number;
  /** Export attempts that timed out. */
  exportTimeouts: number;
  /** Internal errors caught at a boundary with user code. */
  internalErrors: number;
}

export function createStats(): TelemetryStats {
  return {
    started: 0,
    ended: 0,
    exported: 0,
    droppedQueueFull: 0,
    droppedAfterShutdown: 0,
    sampledOut: 0,
    droppedByStage: 0,
    stageErrors: 0,
    exportFailed: 0,
    exportTimeouts: 0,
    internalErrors: 0,
  };
}
