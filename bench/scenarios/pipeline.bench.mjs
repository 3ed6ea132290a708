#!/usr/bin/env node
// The span pipeline's CPU per span, on its own: spans shaped like a non-streamed chat completion (prompt and
// completion messages, provider usage, user and session id, one metadata entry) are ended into a telemetry instance
// made by createTelemetry with a no-op exporter, then flushed; the measure is the process CPU (all threads, so Web
// Crypto work on the thread pool counts) of the flush, divided by the spans. Nothing is timed on the call path here
// (that is in openai-overhead.bench.mjs). Rows: the default config (content not captured) with a hash secret, the
// same with `captureContent: 'redacted'`, and the default config without a hash secret (plain SHA-256).
// Needs `npm run build` (core). Set TAPLINE_CORE_ENTRY to measure another build of @tapline/core.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuMicros } from '../lib/cpu.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import { median } from '../lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const entry = process.env.TAPLINE_CORE_ENTRY
  ? resolve(process.env.TAPLINE_CORE_ENTRY)
  : join(here, '../../packages/core/dist/index.js');
const { createTelemetry, EXPORT_SUCCESS } = await import(pathToFileURL(entry).href);

const QUICK = process.env.BENCH_QUICK === '1';
const SPANS = QUICK ? 2000 : 5000;
const ROUNDS = QUICK ? 3 : 9;
const TARGET = 25;

const prompt = [
  { role: 'system', content: 'You are a helpful assistant. Answer briefly and politely.' },
  { role: 'user', content: 'Say hello in a short sentence, and tell me what the weather is like in Paris.' },
];
const completion = [{ role: 'assistant', content: 'Hello there! It is mild and sunny in Paris today.' }];

function makeTelemetry(extra) {
  let exported = 0;
  const telemetry = createTelemetry(
    {
      exporter: {
        export: async (records) => {
          exported += records.length;
          return EXPORT_SUCCESS;
        },
        shutdown: async () => {},
      },
      flushOnExit: false,
      appName: 'bench',
      // hold everything until the measured flush: processing starts only there
      queue: { maxSize: SPANS, maxBatchSize: 512, scheduledDelayMs: 3_600_000 },
      ...extra,
    },
    {},
  );
  return { telemetry, exported: () => exported };
}

function endSpans(telemetry, users) {
  for (let i = 0; i < SPANS; i++) {
    const span = telemetry.startSpan({
      name: 'chat gpt-4o-mini',
      kind: 'llm',
      integration: 'openai',
      provider: 'openai',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      request: { temperature: 0.2, maxTokens: 256 },
      userId: `user-${i % users}`,
      sessionId: `session-${i % (users * 4)}`,
      metadata: { feature: 'greeting', requestNumber: i },
    });
    span.setInput(() => prompt.map((message) => ({ ...message })));
    span.set({
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: `chatcmpl-${i}`,
      finishReasons: ['stop'],
    });
    span.setUsage({ input: 34, output: 12, total: 46 });
    span.setOutput(() => completion.map((message) => ({ ...message })));
    span.end();
  }
}

/** CPU µs per span of flushing SPANS ended spans, median over rounds (first round is warmup). */
async function measure(label, extra, users = 200) {
  const { telemetry, exported } = makeTelemetry(extra);
  const cpu = [];
  const wall = [];
  for (let round = 0; round <= ROUNDS; round++) {
    endSpans(telemetry, users);
    globalThis.gc?.();
    const cpu0 = cpuMicros();
    const t0 = performance.now();
    await telemetry.flush(60_000);
    const spent = (cpuMicros() - cpu0) / SPANS;
    const elapsed = ((performance.now() - t0) * 1000) / SPANS;
    if (round > 0) {
      cpu.push(spent);
      wall.push(elapsed);
    }
  }
  await telemetry.shutdown(5000);
  const stats = telemetry.stats();
  if (exported() !== (ROUNDS + 1) * SPANS || stats.droppedQueueFull > 0)
    throw new Error(`${label}: exported ${exported()} of ${(ROUNDS + 1) * SPANS} spans`);
  const result = {
    cpu: median(cpu),
    spread: Math.max(...cpu) - Math.min(...cpu),
    wall: median(wall),
  };
  process.stdout.write(
    `  ${label}: ${result.cpu.toFixed(1)} µs CPU/span (rounds ${Math.min(...cpu).toFixed(1)}–${Math.max(...cpu).toFixed(1)}), ${result.wall.toFixed(1)} µs wall/span\n`,
  );
  return result;
}

const secret = 'bench-hash-secret';
const plain = await measure('default config, hash secret', { hashSecret: secret });
const captured = await measure('captureContent redacted, hash secret', {
  hashSecret: secret,
  captureContent: 'redacted',
});
const unkeyed = await measure('default config, no hash secret', {
  logLevel: 'none',
});

const row = (name, result) => ({
  name,
  value: result.cpu,
  unit: 'µs/span',
  target: `< ${TARGET}`,
  pass: result.cpu < TARGET,
  note: `CPU of the flush, all threads; spread over ${ROUNDS} rounds of ${SPANS} spans ${result.spread.toFixed(1)} µs; wall ${result.wall.toFixed(1)} µs/span`,
});
emitResult('pipeline', [
  row('pipeline CPU per span, default config (no content capture)', plain),
  row('pipeline CPU per span, captureContent redacted', captured),
  row('pipeline CPU per span, default config, no hash secret (SHA-256)', unkeyed),
]);
