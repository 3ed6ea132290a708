// Added time per `invoke` of a LangChain prompt | model | parser sequence on @langchain/core's fake chat model,
// beside no handler, with Tapline's TaplineCallbackHandler and with peers' LangChain handlers: LangChain's own
// LangSmith tracer (LangChainTracer) pointed at a loopback sink that answers 200, and — when installed —
// Langfuse's CallbackHandler and OpenInference's LangChain instrumentation. An empty handler (a
// BaseCallbackHandler with no methods) shows what LangChain's callback dispatch costs any handler.
// Blocks of invokes per variant, interleaved round by round; per-variant medians, the added time is the median
// of (variant − mean of the two surrounding no-handler blocks); the no-handler-vs-no-handler spread is the noise.
// Pipelines run for real (Tapline exports to a discarding exporter), so their CPU falls inside the measurement.
// Needs `npm run build` (core, langchain).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createTelemetry, EXPORT_SUCCESS } from '@tapline/core';
import { TaplineCallbackHandler } from '@tapline/langchain';
import { cpuMicros } from '../lib/cpu.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import {
  createChain,
  EmptyHandler,
  invokeBlock,
  sandwichRounds,
  summarizeRounds,
} from '../lib/langchain-blocks.mjs';
import { median } from '../lib/stats.mjs';

const BLOCK = Number(process.env.BENCH_BLOCK ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TARGET_US = 'lowest of all handlers';

// A loopback sink for the LangSmith client: accepts every request, answers 200 with an empty JSON object.
let sinkRequests = 0;
const sink = createServer((request, response) => {
  sinkRequests++;
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

const { chain, input } = createChain();

const telemetry = createTelemetry(
  {
    exporter: { export: async () => EXPORT_SUCCESS, shutdown: async () => {} },
    flushOnExit: false,
    queue: { scheduledDelayMs: 50, maxSize: 100_000 },
  },
  {},
);

// LangChain runs a handler's callbacks inline when `awaitHandlers` is true (Tapline's default) and on its
// background p-queue otherwise (LangChain's default); both dispatch costs are shown.
const emptyInline = new EmptyHandler({ _awaitHandler: true });
const emptyQueued = new EmptyHandler({ _awaitHandler: false });

const variants = {
  none: undefined,
  'empty handler (inline)': [emptyInline],
  'empty handler (queued)': [emptyQueued],
  tapline: [new TaplineCallbackHandler({ telemetry })],
};
let langsmithClient;
const notes = {};

// LangChain's own LangSmith tracer, sending to the loopback sink.
try {
  const requireFromCore = createRequire(
    createRequire(import.meta.url).resolve('@langchain/core/package.json'),
  );
  const { Client } = await import(requireFromCore.resolve('langsmith'));
  const { LangChainTracer } = await import('@langchain/core/tracers/tracer_langchain');
  const client = new Client({ apiUrl: sinkUrl, apiKey: 'bench', autoBatchTracing: true });
  langsmithClient = client;
  variants['langsmith tracer'] = [new LangChainTracer({ client, projectName: 'bench' })];
} catch (error) {
  notes['langsmith tracer'] = `not measured: ${error.message}`;
}

// Peers that are not dependencies of this repository: measured only when installed.
try {
  const { CallbackHandler } = await import('@langfuse/langchain');
  variants['langfuse handler'] = [new CallbackHandler()];
} catch {
  notes['langfuse handler'] =
    'not a workspace dependency: measured with a loopback exporter in peers-langchain.bench.mjs (npm run bench:peers)';
}
try {
  const { LangChainInstrumentation } = await import('@arizeai/openinference-instrumentation-langchain');
  const callbacks = await import('@langchain/core/callbacks/manager');
  new LangChainInstrumentation().manuallyInstrument(callbacks);
  notes.openinference = 'instrumentation patches CallbackManager globally; not isolated per variant';
} catch {
  notes.openinference =
    'not a workspace dependency: measured, isolated per variant, in peers-langchain.bench.mjs (npm run bench:peers)';
}

const block = invokeBlock(chain, input, BLOCK);

const names = Object.keys(variants).filter((name) => name !== 'none');
for (let i = 0; i < 2; i++) for (const name of Object.keys(variants)) await block(variants[name]);

const measured = await sandwichRounds({
  names,
  variants,
  block,
  rounds: ROUNDS,
  onRound: (round) => process.stdout.write(`round ${round + 1}/${ROUNDS}\n`),
});
const { raw } = measured;

// Tapline's own work, split: the callbacks one invoke triggers (prompt | model | parser: 4 runs), replayed
// straight into a handler (time on LangChain's call path), then the pipeline's CPU for the 4 spans they end
// (sampling, token fill-in, cost, privacy, serialization; runs after the call, batched).
const { AIMessage, HumanMessage, SystemMessage } = await import('@langchain/core/messages');
const replayTelemetry = createTelemetry(
  {
    exporter: { export: async () => EXPORT_SUCCESS, shutdown: async () => {} },
    flushOnExit: false,
    queue: { scheduledDelayMs: 20, maxSize: 1_000_000, maxBatchSize: 2048 },
  },
  {},
);
const replayHandler = new TaplineCallbackHandler({ telemetry: replayTelemetry });
const replayMessages = [[new SystemMessage('You are terse.'), new HumanMessage('Tell me about cats')]];
const replayOutput = {
  generations: [
    [
      {
        text: 'Cats purr.',
        message: new AIMessage({ content: 'Cats purr.', response_metadata: { finish_reason: 'stop' } }),
      },
    ],
  ],
};
const replayMetadata = { ls_provider: 'openai', ls_model_name: 'gpt-4o-mini', ls_model_type: 'chat' };
const replayExtra = { invocation_params: { model: 'gpt-4o-mini', temperature: 0 }, options: {} };
let replayId = 0;
function replayInvoke(h) {
  const id = replayId++;
  const [r, p, m, o] = [`r${id}`, `p${id}`, `m${id}`, `o${id}`];
  h.handleChainStart({ id: ['langchain', 'RunnableSequence'] }, input, r, undefined, [], {});
  h.handleChainStart({ id: ['langchain', 'ChatPromptTemplate'] }, input, p, r, ['seq:step:1'], {});
  h.handleChainEnd({ messages: replayMessages[0] }, p);
  h.handleChatModelStart(
    { id: ['langchain', 'ChatOpenAI'] },
    replayMessages,
    m,
    r,
    replayExtra,
    ['seq:step:2'],
    replayMetadata,
  );
  h.handleLLMEnd(replayOutput, m);
  h.handleChainStart({ id: ['langchain', 'StrOutputParser'] }, {}, o, r, ['seq:step:3'], {});
  h.handleChainEnd({ output: 'Cats purr.' }, o);
  h.handleChainEnd({ output: 'Cats purr.' }, r);
}
const pathSamples = [];
const pipelineSamples = [];
for (let round = 0; round < ROUNDS; round++) {
  const count = 2000;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) replayInvoke(replayHandler);
  pathSamples.push(((performance.now() - t0) / count) * 1000);
  const cpu0 = cpuMicros();
  // Wait for the scheduled export instead of flush(): see the core issue on BatchProcessor.drain().
  for (;;) {
    const stats = replayTelemetry.stats();
    if (
      stats.queued === 0 &&
      stats.exported + stats.sampledOut + stats.droppedByStage + stats.exportFailed >= stats.ended
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  pipelineSamples.push((cpuMicros() - cpu0) / count);
}

const { noise, added, peers, lowestPeer } = summarizeRounds(measured, names);
const rows = [
  { name: 'invoke, no handler', value: median(raw), unit: 'µs/call' },
  { name: 'noise (no handler vs no handler)', value: noise, unit: 'µs/call' },
  ...names.map((name) => ({
    name: `added: ${name}`,
    value: added[name],
    unit: 'µs/call',
    ...(name === 'tapline'
      ? {
          target: TARGET_US,
          pass: peers.length === 0 ? undefined : added.tapline <= lowestPeer,
          note: `Tapline's own work ≈ ${(added.tapline - added['empty handler (inline)']).toFixed(1)} µs beyond LangChain's inline dispatch to an empty handler`,
        }
      : {}),
  })),
  {
    name: 'tapline callbacks on the call path (replayed, 4 runs)',
    value: median(pathSamples),
    unit: 'µs/invoke',
  },
  {
    name: 'tapline pipeline CPU after the call (4 spans)',
    value: median(pipelineSamples),
    unit: 'µs/invoke',
  },
  ...Object.entries(notes).map(([name, note]) => ({ name: `${name}`, value: 'n/a', unit: '', note })),
];
for (const row of rows)
  process.stdout.write(`${row.name}: ${row.value} ${row.unit}${row.note ? ` (${row.note})` : ''}\n`);
await langsmithClient?.awaitPendingTraceBatches?.();
process.stdout.write(`langsmith sink received ${sinkRequests} requests\n`);
emitResult('langchain', rows);
await telemetry.shutdown(1000);
sink.close();
process.exit(0);
