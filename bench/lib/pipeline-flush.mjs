// Span pipeline CPU spent in explicit flushes between measured calls (off the call path), per span. Used by the
// scenarios that hold spans during the calls (long scheduledDelayMs) and flush every few hundred rounds.
import { cpuMicros } from './cpu.mjs';

export function createPipelineMeter() {
  /** Pipeline CPU spent in flushes outside the measured calls, and the spans it processed. */
  const pipeline = { cpu: 0, spans: 0 };
  async function measuredFlush(telemetry) {
    const before = telemetry.stats().exported;
    const cpu0 = cpuMicros();
    await telemetry.flush(10_000);
    pipeline.cpu += cpuMicros() - cpu0;
    pipeline.spans += telemetry.stats().exported - before;
  }
  const row = () => ({
    name: 'pipeline CPU per span (flushed between calls, off the call path)',
    value: pipeline.spans > 0 ? pipeline.cpu / pipeline.spans : 0,
    unit: 'µs/span',
    target: '',
    note: `${pipeline.spans} spans; see pipeline.bench.mjs for the pipeline alone`,
  });
  return { pipeline, measuredFlush, row };
}
