// Added cost per AI SDK call with taplineMiddleware(), beside the unwrapped model. The model is the SDK's
// in-process mock (ai/test, bench/lib/ai-mock-model.mjs), so the network is not in the measurement.
// Needs `npm run build` (core, vercel-ai). Targets: < 25 µs added CPU per call, < 50 µs added to TTFT.
//
// Method (DESIGN.md, "Measuring overhead honestly"): calls are interleaved one by one — each iteration calls the
// unwrapped model (`raw`), Tapline (`wrapped`) and the unwrapped model again (`raw2`), starting at a different
// one each time — so drift, GC and the other work on the machine hit all three alike. A figure is
// median(wrapped) − mean(median(raw), median(raw2)) over every call; the noise floor beside it is
// |median(raw) − median(raw2)|, the same estimate for two identical models, which should read 0.
//
//   1. Call path: the middleware's wrapGenerate / wrapStream called directly, beside a pass-through middleware,
//      with the provider call already resolved (no SDK): the time Tapline adds per call, per stream read to the
//      end, and to the first text part. Wall time of synchronous work on the main thread (≈ its CPU), which has
//      sub-µs resolution where per-call process.cpuUsage() has 1 µs.
//   2. Through the SDK: `generateText` and `streamText` (20 text parts, read to the end) on wrapped models. Per
//      call: process CPU (process.cpuUsage, user + system) and, for streams, wall time to the first text part.
//      The pipeline is flushed after every iteration, outside the measured calls; its CPU per span is reported
//      on its own row (one span per flush, so per-batch costs are not shared as they are in production;
//      pipeline.bench.mjs measures it in batches).
// Each measure runs for a time budget (BENCH_QUICK=1: a few seconds each; full run under 3 minutes).
import { createTelemetry, EXPORT_SUCCESS } from '@tapline/core';
import { taplineMiddleware } from '@tapline/vercel-ai';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream } from 'ai/test';
import { createMockModel, generated, parts } from '../lib/ai-mock-model.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import { addedOverRaw, interleaveCalls } from '../lib/interleave.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
// seconds per measure: SDK streams cost ~1.5 ms of CPU each and are the noisiest, so they get the most
const SECONDS = QUICK
  ? { directGenerate: 1.5, directStream: 2, generate: 3, stream: 8 }
  : { directGenerate: 6, directStream: 10, generate: 25, stream: 80 };
const CHUNK = { directGenerate: 2000, directStream: 1000, generate: 200, stream: 50 };

const { inner, clearCalls } = createMockModel();
const telemetry = createTelemetry(
  {
    exporter: { export: async () => EXPORT_SUCCESS, shutdown: async () => {} },
    flushOnExit: false,
    // batches leave only when flushed (between calls, outside the measurement)
    queue: { maxSize: 100_000, maxBatchSize: 100_000, scheduledDelayMs: 3_600_000 },
  },
  {},
);
const flush = () => telemetry.flush(5000);

/**
 * Interleaves `clients` call by call for `seconds` (after one chunk of warm-up), flushing every `flushEvery`
 * iterations; returns every sample per client and key, and how many calls each client made.
 */
async function measure({ clients, call, keys, seconds, chunk, flushEvery, onFlush = flush }) {
  await interleaveCalls({ clients, call, calls: 0, warmup: chunk, keys, flushEvery, flush: onFlush });
  const all = Object.fromEntries(
    Object.keys(clients).map((name) => [name, Object.fromEntries(keys.map((key) => [key, []]))]),
  );
  const deadline = performance.now() + seconds * 1000;
  let calls = 0;
  while (calls === 0 || performance.now() < deadline) {
    clearCalls();
    const samples = await interleaveCalls({
      clients,
      call,
      calls: chunk,
      warmup: 0,
      keys,
      flushEvery,
      flush: onFlush,
    });
    for (const name of Object.keys(clients))
      for (const key of keys) for (const value of samples[name][key]) all[name][key].push(value);
    calls += chunk;
  }
  return { ...addedOverRaw(all, keys), calls };
}

const fmt = (value) => value.toFixed(1);
const rows = [];
function row(name, m, key, limit, unit = 'µs') {
  rows.push({
    name,
    value: m[key],
    unit,
    ...(limit === undefined ? {} : { target: `< ${limit}`, pass: m[key] < limit }),
    note: `noise (raw vs raw) ${fmt(m[`${key}Noise`])} ${unit}; unwrapped ${fmt(m[`${key}Raw`])} ${unit}; ${m.calls} calls each`,
  });
}

// 1. Call path: the middleware called directly.
const passThrough = {
  wrapGenerate: async ({ doGenerate }) => doGenerate(),
  wrapStream: async ({ doStream }) => doStream(),
};
const direct = { raw: passThrough, wrapped: taplineMiddleware({ telemetry }), raw2: passThrough };
const callOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
  temperature: 0.2,
};
const doGenerate = async () => generated;
const doStream = async () => ({ stream: convertArrayToReadableStream(parts) });

const directGenerate = await measure({
  clients: direct,
  keys: ['time'],
  seconds: SECONDS.directGenerate,
  chunk: CHUNK.directGenerate,
  flushEvery: 500,
  call: async (middleware) => {
    const t0 = performance.now();
    await middleware.wrapGenerate({ doGenerate, params: callOptions, model: inner });
    return { time: (performance.now() - t0) * 1000 };
  },
});
row('call path: doGenerate', directGenerate, 'time', 25);

const directStream = await measure({
  clients: direct,
  keys: ['time', 'ttft'],
  seconds: SECONDS.directStream,
  chunk: CHUNK.directStream,
  flushEvery: 500,
  call: async (middleware) => {
    const t0 = performance.now();
    const { stream } = await middleware.wrapStream({ doStream, params: callOptions, model: inner });
    const reader = stream.getReader();
    let part = await reader.read();
    while (!part.done && part.value.type !== 'text-delta') part = await reader.read();
    const ttft = performance.now() - t0;
    while (!(await reader.read()).done);
    return { time: (performance.now() - t0) * 1000, ttft: ttft * 1000 };
  },
});
row(`call path: doStream, ${parts.length} parts read to the end`, directStream, 'time', 25);
row('call path: doStream, time to first text part', directStream, 'ttft', 50);

// 2. Through the SDK.
const models = {
  raw: wrapLanguageModel({ model: inner, middleware: {} }),
  wrapped: wrapLanguageModel({ model: inner, middleware: taplineMiddleware({ telemetry }) }),
  raw2: wrapLanguageModel({ model: inner, middleware: {} }),
};
const prompt = 'Say hello.';
// Process CPU (process.cpuUsage, user + system). process.threadCpuUsage() would leave out other threads, but on
// this kernel it counts in scheduler ticks (a 60 µs call reads 0).
const cpuCounter = () => process.cpuUsage();
const cpuSince = (start) => {
  const now = cpuCounter();
  return now.user - start.user + (now.system - start.system);
};
// CPU of the flush after each iteration: one span's pipeline work (export to a discarding exporter)
const pipelineCpu = [];
const timedFlush = async () => {
  const start = cpuCounter();
  await flush();
  pipelineCpu.push(cpuSince(start));
};

const sdkGenerate = await measure({
  clients: models,
  keys: ['cpu', 'wall'],
  seconds: SECONDS.generate,
  chunk: CHUNK.generate,
  flushEvery: 1,
  onFlush: timedFlush,
  call: async (model) => {
    const start = cpuCounter();
    const t0 = performance.now();
    await generateText({ model, prompt, temperature: 0.2, maxOutputTokens: 64 });
    return { cpu: cpuSince(start), wall: (performance.now() - t0) * 1000 };
  },
});
row('generateText: added CPU per call', sdkGenerate, 'cpu', 25);
row('generateText: added wall time per call', sdkGenerate, 'wall');

const sdkStream = await measure({
  clients: models,
  keys: ['cpu', 'wall', 'ttft'],
  seconds: SECONDS.stream,
  chunk: CHUNK.stream,
  flushEvery: 1,
  onFlush: timedFlush,
  call: async (model) => {
    const start = cpuCounter();
    const t0 = performance.now();
    let ttft = 0;
    const result = streamText({ model, prompt, temperature: 0.2 });
    for await (const _ of result.textStream) if (ttft === 0) ttft = performance.now() - t0;
    return { cpu: cpuSince(start), wall: (performance.now() - t0) * 1000, ttft: ttft * 1000 };
  },
});
row('streamText (20 text parts, read to the end): added CPU per call', sdkStream, 'cpu', 25);
row('streamText: added wall time per call', sdkStream, 'wall');
row('streamText: added time to first text part', sdkStream, 'ttft', 50);

const sorted = pipelineCpu.sort((a, b) => a - b);
rows.push({
  name: 'pipeline CPU per span (flush of one span, export discarded)',
  value: sorted[sorted.length >> 1],
  unit: 'µs',
  note: `median of ${sorted.length} flushes; not on the call path`,
});
const stats = telemetry.stats();
await telemetry.shutdown(1000);
rows.push({ name: 'spans exported', value: stats.exported ?? stats.spansExported ?? 0, unit: 'spans' });
for (const r of rows)
  process.stdout.write(`  ${r.name}: ${fmt(r.value)} ${r.unit}${r.note ? ` (${r.note})` : ''}\n`);
emitResult('vercel-ai', rows);
