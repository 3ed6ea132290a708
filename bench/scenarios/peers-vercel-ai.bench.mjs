// Tapline's taplineMiddleware beside the peers' Vercel AI SDK integrations, measured in one run on the SDK's
// in-process mock model (ai/test, as vercel-ai.bench.mjs): added time per `generateText`, per streamed response
// (`streamText`, 20 text parts, read to the end) and to the first text part, beside the unwrapped model.
//
// The workspace has AI SDK 7 (`ai` 7, LanguageModelV4). Each peer is used the way its docs say for AI SDK 7, and
// every one exports for real to its own loopback sink (HTTP on 127.0.0.1, answers 200, counts bytes):
//   - LangSmith: `LangSmithTelemetry` (its AI SDK 7 telemetry integration) and `wrapAISDK(ai)`, Client apiUrl → sink;
//   - Braintrust: `BraintrustMiddleware`, `wrapAISDK(ai)` and `braintrustAISDKTelemetry()`, logger appUrl → sink
//     (the sink answers Braintrust's login and project registration with ids that point back at itself);
//   - Langfuse: AI SDK 7's OpenTelemetry integration (@ai-sdk/otel) + LangfuseSpanProcessor, baseUrl → sink;
//   - PostHog: `withTracing` supports AI SDK 5/6 models only (it throws on v7 and says to use @ai-sdk/otel with
//     @posthog/ai/otel), so: @ai-sdk/otel + PostHogSpanProcessor, host → sink.
// Telemetry integrations are passed per call (`telemetry: { integrations }`), never registered globally, so the
// unwrapped baseline has none. Tapline exports OTLP/HTTP protobuf to its sink.
//
// Method: calls are interleaved one by one — each iteration calls every variant once (the unwrapped model twice,
// as `unwrapped` and `unwrapped2`), starting at a different variant each time — so drift, GC and the other work on
// the machine hit all alike. A variant's added cost is the median over iterations of (its call − mean of the two
// unwrapped calls of the same iteration); the noise floor is the same estimate for unwrapped vs unwrapped2, two
// identical models, which should read 0. Per call: process CPU (process.cpuUsage, user + system) for generateText and streamText (20 text parts, read to
// the end), and for streams the wall time to the first text part. Exports that libraries batch on timers land in
// whichever call is running, alike for all, so medians are the call path; each library's export still runs for
// real (the sinks count what arrived). Sockets and DNS look-ups off loopback are refused and counted.
// Needs `npm run build` and the peers installed: `npm run bench:peers` does both.
import diagnostics from 'node:diagnostics_channel';
import { createTelemetry } from '@tapline/core';
import '@tapline/exporters';
import { taplineMiddleware } from '@tapline/vercel-ai';
import * as ai from 'ai';
import { createMockModel } from '../lib/ai-mock-model.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import { median } from '../lib/stats.mjs';
import {
  exitIfPeersMissing,
  exportedRows,
  flushAndReadSinks,
  fmt,
  guardLoopback,
  offLoopbackRow,
  peerImport,
  printRows,
  startSink,
  stopSinks,
  unmeasuredRows,
} from '../peers/harness.mjs';

guardLoopback();
const QUICK = process.env.BENCH_QUICK === '1';
// seconds per operation: one iteration calls every variant once (streams: ~2 ms of SDK work each, one peer more);
// streams are the noisiest, so they get the most. The scenario stays under 3 minutes.
const OP_SECONDS = process.env.BENCH_PHASE_SECONDS
  ? { generate: Number(process.env.BENCH_PHASE_SECONDS), stream: Number(process.env.BENCH_PHASE_SECONDS) }
  : QUICK
    ? { generate: 6, stream: 15 }
    : { generate: 35, stream: 100 };
const WARMUP = QUICK ? 10 : 30;

exitIfPeersMissing('peers-vercel-ai');
const { generateText, streamText, wrapLanguageModel } = ai;

const { inner, clearCalls } = createMockModel();
const plain = wrapLanguageModel({ model: inner, middleware: {} });
const prompt = 'Say hello.';

const cpuSince = (start) => {
  const { user, system } = process.cpuUsage(start);
  return user + system;
};

/** A variant: which model, which generateText/streamText, which extra call options. Each op returns its samples. */
function variant({ model = plain, sdk = { generateText, streamText }, extra = {} } = {}) {
  return {
    generate: async () => {
      const start = process.cpuUsage();
      await sdk.generateText({ model, prompt, temperature: 0.2, maxOutputTokens: 64, ...extra });
      return { cpu: cpuSince(start) };
    },
    // read to the end so every library finishes its span as a user's stream would
    stream: async () => {
      const start = process.cpuUsage();
      const t0 = performance.now();
      let ttft = 0;
      const result = sdk.streamText({ model, prompt, temperature: 0.2, ...extra });
      for await (const _ of result.textStream) if (ttft === 0) ttft = performance.now() - t0;
      return { cpu: cpuSince(start), ttft: ttft * 1000 };
    },
  };
}

const variants = { unwrapped: variant(), unwrapped2: variant() };
const sinks = {};
const notes = {};
const flushers = [];
const unmeasured = {};

async function add(name, setup, shared) {
  const sink = shared ?? (await startSink(name));
  sinks[name] = sink;
  try {
    const v = await setup(sink);
    await v.generate();
    await v.stream();
    variants[name] = v;
  } catch (error) {
    unmeasured[name] = `${error?.message ?? error}`.split('\n')[0];
    delete sinks[name];
    if (!shared) await sink.close();
  }
}

async function otelIntegration(processor) {
  const { BasicTracerProvider } = await peerImport('@opentelemetry/sdk-trace-base');
  const { OpenTelemetry } = await peerImport('@ai-sdk/otel');
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  flushers.push(() => provider.forceFlush());
  return new OpenTelemetry({ tracer: provider.getTracer('ai') });
}

await add('tapline', async (sink) => {
  const telemetry = createTelemetry(
    {
      exporter: { type: 'otlp', endpoint: sink.url, protocol: 'http/protobuf' },
      flushOnExit: false,
      queue: { maxSize: 100_000 },
    },
    {},
  );
  flushers.push(() => telemetry.shutdown(5000));
  notes.tapline = 'taplineMiddleware via wrapLanguageModel; OTLP/HTTP protobuf';
  return variant({
    model: wrapLanguageModel({ model: inner, middleware: taplineMiddleware({ telemetry }) }),
  });
});

// LangSmith
const langsmithClient = async (sink) => {
  process.env.LANGSMITH_TRACING = 'true';
  process.env.LANGSMITH_ENDPOINT = sink.url;
  process.env.LANGSMITH_API_KEY = 'lsv2_bench';
  const { Client } = await peerImport('langsmith');
  const client = new Client({ apiUrl: sink.url, apiKey: 'lsv2_bench', autoBatchTracing: true });
  flushers.push(() => client.awaitPendingTraceBatches());
  return client;
};
await add('langsmith LangSmithTelemetry', async (sink) => {
  const client = await langsmithClient(sink);
  const { LangSmithTelemetry } = await peerImport('langsmith/experimental/vercel');
  notes['langsmith LangSmithTelemetry'] = 'per-call telemetry integration (AI SDK 7); Client apiUrl → sink';
  return variant({
    extra: { telemetry: { integrations: [LangSmithTelemetry({ client, projectName: 'bench' })] } },
  });
});
await add('langsmith wrapAISDK', async (sink) => {
  const client = await langsmithClient(sink);
  const { wrapAISDK } = await peerImport('langsmith/experimental/vercel');
  notes['langsmith wrapAISDK'] = 'wrapAISDK(ai) (documented for AI SDK 5/6); Client apiUrl → sink';
  return variant({ sdk: wrapAISDK(ai, { client, project_name: 'bench' }) });
});

// Braintrust: one logger for the three integrations (the SDK keeps one global state).
let braintrust;
const braintrustSetup = async (sink) => {
  if (!braintrust) {
    process.env.BRAINTRUST_API_KEY = 'bt-bench';
    process.env.BRAINTRUST_APP_URL = sink.url;
    process.env.BRAINTRUST_API_URL = sink.url;
    braintrust = await peerImport('braintrust');
    braintrust.initLogger({ projectName: 'bench', apiKey: 'bt-bench', appUrl: sink.url, asyncFlush: true });
    flushers.push(() => braintrust.flush());
  }
  return braintrust;
};
{
  // All three Braintrust variants share one logger, so they share one sink.
  const sink = await startSink('braintrust', 'braintrust');
  const reuse = async (name, make) => add(name, async () => make(await braintrustSetup(sink)), sink);
  await reuse('braintrust BraintrustMiddleware', (bt) => {
    notes['braintrust BraintrustMiddleware'] =
      'BraintrustMiddleware() via wrapLanguageModel; logger appUrl → sink';
    return variant({ model: wrapLanguageModel({ model: inner, middleware: bt.BraintrustMiddleware() }) });
  });
  await reuse('braintrust wrapAISDK', (bt) => {
    notes['braintrust wrapAISDK'] = 'wrapAISDK(ai); logger appUrl → sink';
    return variant({ sdk: bt.wrapAISDK(ai) });
  });
  await reuse('braintrust telemetry', (bt) => {
    notes['braintrust telemetry'] = 'braintrustAISDKTelemetry() as a per-call integration (AI SDK 7)';
    return variant({ extra: { telemetry: { integrations: [bt.braintrustAISDKTelemetry()] } } });
  });
}

await add('langfuse', async (sink) => {
  process.env.LANGFUSE_BASE_URL = sink.url;
  process.env.LANGFUSE_PUBLIC_KEY = 'pk-lf-bench';
  process.env.LANGFUSE_SECRET_KEY = 'sk-lf-bench';
  const { LangfuseSpanProcessor } = await peerImport('@langfuse/otel');
  const processor = new LangfuseSpanProcessor({
    publicKey: 'pk-lf-bench',
    secretKey: 'sk-lf-bench',
    baseUrl: sink.url,
  });
  notes.langfuse = '@ai-sdk/otel OpenTelemetry integration + LangfuseSpanProcessor (batched)';
  return variant({ extra: { telemetry: { integrations: [await otelIntegration(processor)] } } });
});

await add('posthog', async (sink) => {
  const { withTracing } = await peerImport('@posthog/ai/vercel');
  const { PostHog } = await peerImport('posthog-node');
  try {
    withTracing(inner, new PostHog('phc_bench', { host: sink.url }), {});
  } catch (error) {
    notes.posthog = `withTracing: ${error.message.split('.')[0]}; `;
  }
  const { PostHogSpanProcessor } = await peerImport('@posthog/ai/otel');
  const processor = new PostHogSpanProcessor({ projectToken: 'phc_bench', host: sink.url });
  notes.posthog = `${notes.posthog ?? ''}@ai-sdk/otel OpenTelemetry integration + PostHogSpanProcessor (host → sink)`;
  return variant({ extra: { telemetry: { integrations: [await otelIntegration(processor)] } } });
});

const globalIntegrations = globalThis.AI_SDK_TELEMETRY_INTEGRATIONS?.length ?? 0;
const channelSubscribed = diagnostics.tracingChannel('ai:telemetry').hasSubscribers;
const names = Object.keys(variants).filter((name) => !name.startsWith('unwrapped'));
process.stdout.write(`variants: ${names.join(', ')}\n`);
process.stdout.write(
  `  global AI SDK telemetry integrations: ${globalIntegrations}; ai:telemetry channel subscribed: ${channelSubscribed}\n`,
);
for (const [name, why] of Object.entries(unmeasured))
  process.stdout.write(`  not measured: ${name}: ${why}\n`);

const KEYS = { generate: ['cpu'], stream: ['cpu', 'ttft'] };

/** Interleaves every variant call by call for the operation's time budget; medians per variant and key. */
async function measure(op) {
  const all = Object.keys(variants);
  const samples = Object.fromEntries(
    all.map((name) => [name, Object.fromEntries(KEYS[op].map((k) => [k, []]))]),
  );
  const deadline = performance.now() + OP_SECONDS[op] * 1000;
  let calls = 0;
  for (let i = 0; i < WARMUP || performance.now() < deadline; i++) {
    if (i % 50 === 0) clearCalls();
    for (let k = 0; k < all.length; k++) {
      const name = all[(i + k) % all.length];
      const result = await variants[name][op]();
      if (i >= WARMUP) for (const key of KEYS[op]) samples[name][key].push(result[key]);
    }
    if (i >= WARMUP) calls++;
    if (i >= WARMUP && calls % 500 === 0) process.stdout.write(`  ${op}: ${calls} calls per variant\n`);
  }
  // Paired per iteration: the calls of one iteration run back to back, so the difference cancels slow drift (load
  // from other processes comes and goes over seconds). added = median over iterations of (variant − mean of the two
  // unwrapped calls); noise = |median over iterations of (unwrapped − unwrapped2)|.
  const out = { calls };
  for (const key of KEYS[op]) {
    const raw = samples.unwrapped[key];
    const raw2 = samples.unwrapped2[key];
    const base = raw.map((value, i) => (value + raw2[i]) / 2);
    out[key] = {
      raw: median(base),
      noise: Math.abs(median(raw.map((value, i) => value - raw2[i]))),
      unpairedNoise: Math.abs(median(raw) - median(raw2)),
      added: Object.fromEntries(
        names.map((name) => [name, median(samples[name][key].map((value, i) => value - base[i]))]),
      ),
    };
  }
  process.stdout.write(
    `  ${op}: ${calls} calls per variant; ${KEYS[op].map((key) => `${key} unwrapped ${fmt(out[key].raw)} µs (noise ${fmt(out[key].noise)}, unpaired ${fmt(out[key].unpairedNoise)}): ${names.map((name) => `${name} +${fmt(out[key].added[name])}`).join(', ')}`).join('; ')}\n`,
  );
  return out;
}

const results = {};
for (const op of ['generate', 'stream']) results[op] = await measure(op);

// Let every library export what it has (all at once, 10 s at most), then read the sinks.
await flushAndReadSinks(flushers, sinks);

const peers = names.filter((name) => name !== 'tapline');
const rows = [];
for (const [op, key, label, limit] of [
  ['generate', 'cpu', 'generateText, CPU per call', 25],
  ['stream', 'cpu', 'streamText (20 parts, read to end), CPU per call', 25],
  ['stream', 'ttft', 'time to first text part', 50],
]) {
  const r = results[op][key];
  rows.push({
    name: `unwrapped: ${label}`,
    value: r.raw,
    unit: 'µs',
    note: `${results[op].calls} calls per variant, interleaved call by call`,
  });
  rows.push({ name: `noise floor (unwrapped vs unwrapped): ${label}`, value: r.noise, unit: 'µs' });
  const lowestPeer = Math.min(...peers.map((name) => r.added[name]));
  for (const name of names) {
    const row = { name: `${name}: added, ${label}`, value: r.added[name], unit: 'µs' };
    if (name === 'tapline') {
      row.target = `< ${limit}, lowest`;
      row.pass = r.added.tapline < limit && (peers.length === 0 || r.added.tapline <= lowestPeer);
      row.note = `lowest peer ${fmt(lowestPeer)}; noise ${fmt(r.noise)}`;
    }
    rows.push(row);
  }
}
rows.push(...exportedRows(names, sinks, notes), ...unmeasuredRows(unmeasured));
rows.push({
  name: 'global AI SDK telemetry (registered integrations / ai:telemetry channel subscribers)',
  value: globalIntegrations + (channelSubscribed ? 1 : 0),
  unit: '',
  note: channelSubscribed
    ? 'a peer subscribed to the ai:telemetry channel globally: the baseline includes it'
    : '',
});
rows.push(offLoopbackRow());
printRows(rows);
emitResult('peers-vercel-ai', rows);
stopSinks();
process.exit(0);
