// Added time per `invoke` of a LangChain prompt | model | parser sequence on @langchain/core's fake chat model
// (the same chain and method as langchain.bench.mjs), beside no handler, for Tapline's TaplineCallbackHandler and
// the peers' LangChain integrations, each exporting for real to its own loopback sink:
//   - LangSmith: LangChain's own LangChainTracer with a langsmith Client (apiUrl → sink, auto-batched);
//   - Langfuse: @langfuse/langchain CallbackHandler on a tracer provider with LangfuseSpanProcessor (baseUrl → sink);
//   - OpenInference: @arizeai/openinference-instrumentation-langchain, OTel BatchSpanProcessor + OTLP/HTTP → sink.
//     The instrumentation patches CallbackManager._configureSync globally to append its tracer to every run's
//     handlers; here it patches a stand-in and the tracer it would append is passed to its variant only, so the
//     other variants (and the no-handler baseline) are not traced by it;
//   - PostHog: @posthog/ai/langchain LangChainCallbackHandler with posthog-node (host → sink).
// Tapline exports OTLP/HTTP protobuf to its sink. Blocks of invokes per variant, interleaved round by round; the
// added time is the median of (variant − mean of the two surrounding no-handler blocks); the no-handler vs
// no-handler spread is the noise floor. Sockets and DNS look-ups off loopback are refused and counted.
// Needs `npm run build` and the peers installed: `npm run bench:peers` does both.
import { createRequire } from 'node:module';
import { createTelemetry } from '@tapline/core';
import '@tapline/exporters';
import { TaplineCallbackHandler } from '@tapline/langchain';
import { emitResult } from '../lib/emit-result.mjs';
import {
  createChain,
  EmptyHandler,
  invokeBlock,
  sandwichRounds,
  summarizeRounds,
} from '../lib/langchain-blocks.mjs';
import { median } from '../lib/stats.mjs';
import {
  exitIfPeersMissing,
  exportedRows,
  flushAndReadSinks,
  fmt,
  guardLoopback,
  offLoopbackRow,
  otelProvider,
  peerImport,
  printRows,
  startSink,
  stopSinks,
  unmeasuredRows,
} from '../peers/harness.mjs';

guardLoopback();
const QUICK = process.env.BENCH_QUICK === '1';
const BLOCK = Number(process.env.BENCH_BLOCK ?? (QUICK ? 100 : 250));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : 20));
const BUDGET_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? (QUICK ? 30 : 130));

exitIfPeersMissing('peers-langchain');

const { chain, input } = createChain();
const variants = { none: undefined, 'empty handler (inline)': [new EmptyHandler({ _awaitHandler: true })] };
const sinks = {};
const notes = {};
const flushers = [];
const unmeasured = {};

async function add(name, setup) {
  const sink = await startSink(name);
  sinks[name] = sink;
  try {
    variants[name] = await setup(sink);
    await chain.invoke(input, { callbacks: variants[name] });
  } catch (error) {
    unmeasured[name] = `${error?.message ?? error}`.split('\n')[0];
    delete variants[name];
    delete sinks[name];
    await sink.close();
  }
}

let telemetry;
await add('tapline', async (sink) => {
  telemetry = createTelemetry(
    {
      exporter: { type: 'otlp', endpoint: sink.url, protocol: 'http/protobuf' },
      flushOnExit: false,
      queue: { maxSize: 100_000 },
    },
    {},
  );
  flushers.push(() => telemetry.shutdown(5000));
  notes.tapline = 'TaplineCallbackHandler; OTLP/HTTP protobuf export';
  return [new TaplineCallbackHandler({ telemetry })];
});

await add('langsmith tracer', async (sink) => {
  // The langsmith that @langchain/core depends on (workspace), as LangChain users get it.
  const requireFromCore = createRequire(
    createRequire(import.meta.url).resolve('@langchain/core/package.json'),
  );
  const { Client } = await import(requireFromCore.resolve('langsmith'));
  const { LangChainTracer } = await import('@langchain/core/tracers/tracer_langchain');
  const client = new Client({ apiUrl: sink.url, apiKey: 'lsv2_bench', autoBatchTracing: true });
  flushers.push(() => client.awaitPendingTraceBatches());
  notes['langsmith tracer'] = "@langchain/core's LangChainTracer + langsmith Client (apiUrl → sink)";
  return [new LangChainTracer({ client, projectName: 'bench' })];
});

await add('langfuse', async (sink) => {
  process.env.LANGFUSE_BASE_URL = sink.url;
  process.env.LANGFUSE_PUBLIC_KEY = 'pk-lf-bench';
  process.env.LANGFUSE_SECRET_KEY = 'sk-lf-bench';
  const { LangfuseSpanProcessor } = await peerImport('@langfuse/otel');
  const { setLangfuseTracerProvider } = await peerImport('@langfuse/tracing');
  const { CallbackHandler } = await peerImport('@langfuse/langchain');
  const { BasicTracerProvider } = await peerImport('@opentelemetry/sdk-trace-base');
  const processor = new LangfuseSpanProcessor({
    publicKey: 'pk-lf-bench',
    secretKey: 'sk-lf-bench',
    baseUrl: sink.url,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  setLangfuseTracerProvider(provider);
  flushers.push(() => provider.forceFlush());
  notes.langfuse = '@langfuse/langchain CallbackHandler + @langfuse/otel LangfuseSpanProcessor (batched)';
  return [new CallbackHandler()];
});

await add('openinference', async (sink) => {
  const { LangChainInstrumentation } = await peerImport('@arizeai/openinference-instrumentation-langchain');
  const provider = await otelProvider(sink.url);
  const instrumentation = new LangChainInstrumentation({
    tracerProvider: provider,
    instrumentationConfig: { enabled: false },
  });
  const standIn = { CallbackManager: { _configureSync: (handlers) => handlers } };
  instrumentation.manuallyInstrument(standIn);
  const handlers = standIn.CallbackManager._configureSync(undefined);
  if (!Array.isArray(handlers) || handlers.length !== 1) throw new Error('instrumentation added no tracer');
  flushers.push(() => provider.forceFlush());
  notes.openinference =
    '@arizeai/openinference-instrumentation-langchain tracer (as its CallbackManager patch adds it); BatchSpanProcessor + OTLP/HTTP protobuf';
  return handlers;
});

await add('posthog', async (sink) => {
  const { PostHog } = await peerImport('posthog-node');
  const { LangChainCallbackHandler } = await peerImport('@posthog/ai/langchain');
  const client = new PostHog('phc_bench', { host: sink.url, flushAt: 100, flushInterval: 1000 });
  flushers.push(() => client.shutdown(5000));
  notes.posthog = '@posthog/ai/langchain LangChainCallbackHandler + posthog-node (host → sink)';
  return [new LangChainCallbackHandler({ client })];
});

const block = invokeBlock(chain, input, BLOCK);

const names = Object.keys(variants).filter((name) => name !== 'none');
process.stdout.write(`variants: ${names.join(', ')}\n`);
for (const [name, why] of Object.entries(unmeasured))
  process.stdout.write(`  not measured: ${name}: ${why}\n`);
for (const name of Object.keys(variants)) await block(variants[name]);

const deadline = performance.now() + BUDGET_SECONDS * 1000;
const measured = await sandwichRounds({
  names,
  variants,
  block,
  rounds: ROUNDS,
  deadline,
  onRound: (round, samples) =>
    process.stdout.write(
      `  round ${round + 1}/${ROUNDS}: ${names.map((name) => `${name} +${fmt(samples[name].at(-1))}`).join(', ')}\n`,
    ),
});
const { raw, rounds } = measured;

// Let every library export what it has (all at once, 10 s at most), then read the sinks.
await flushAndReadSinks(flushers, sinks);

const { noise, added, peers, lowestPeer } = summarizeRounds(measured, names);
const rows = [
  {
    name: 'invoke, no handler',
    value: median(raw),
    unit: 'µs/call',
    note: `${rounds} rounds × ${BLOCK} invokes`,
  },
  { name: 'noise floor (no handler vs no handler)', value: noise, unit: 'µs/call' },
  ...names.map((name) => ({
    name: `added: ${name}`,
    value: added[name],
    unit: 'µs/call',
    ...(name === 'tapline'
      ? {
          target: 'lowest',
          pass: peers.length === 0 ? undefined : added.tapline <= lowestPeer,
          note: `lowest peer ${fmt(lowestPeer)}; noise ${fmt(noise)}`,
        }
      : {}),
  })),
  ...exportedRows(Object.keys(sinks), sinks, notes),
  ...unmeasuredRows(unmeasured),
  offLoopbackRow(),
];
printRows(rows);
emitResult('peers-langchain', rows);
stopSinks();
process.exit(0);
