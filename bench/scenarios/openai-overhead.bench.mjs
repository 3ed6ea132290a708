// Overhead of wrapOpenAI beside the raw openai client.
//
// Part 1 — end to end, against the testkit mock server running in another process on loopback: alternating blocks
// of raw and wrapped calls (non-streamed and streamed), client CPU per call (process.cpuUsage, so the server's work
// is not counted), wall time per call and time to first chunk. Reported as the median of the per-round
// differences, with the raw-vs-raw spread (two raw blocks in the same round) beside it as the noise floor.
//
// Part 2 — the wrapper's own work, measured directly in-process with a canned `fetch` (no network): added CPU per
// non-streamed call on the call path, the same including the span pipeline (export discarded), the synchronous
// call-path time of `create()`, and added CPU per stream chunk on a long stream.
//
// The span pipeline runs in this process, on a timer, off the call path. Left on its default 1 s schedule it would
// process a batch in the middle of whichever call happens to be running (raw or wrapped) and, through its async
// work, spread over the calls after it. So the telemetry here holds spans (long scheduledDelayMs, batch = queue) and
// is flushed between calls every few hundred rounds; the CPU of those flushes is reported as its own row, per span
// (pipeline.bench.mjs measures the pipeline alone).
//
// Needs `npm run build` (core, testkit, openai). Peer libraries are not measured here yet.
import { createTelemetry, EXPORT_SUCCESS } from '@tapline/core';
import { wrapOpenAI } from '@tapline/openai';
import OpenAI from 'openai';
import { cpuMicros } from '../lib/cpu.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import { addedOverRaw, interleaveCalls } from '../lib/interleave.mjs';
import { startMockServer } from '../lib/mock-server-process.mjs';
import { oneChatCall } from '../lib/openai-call.mjs';
import { overheadRow as row } from '../lib/overhead-row.mjs';
import { createPipelineMeter } from '../lib/pipeline-flush.mjs';
import { median } from '../lib/stats.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 3 : 9;
const CALLS = QUICK ? 100 : 400;
const messages = [{ role: 'user', content: 'Say hello in a short sentence.' }];

const gc = () => globalThis.gc?.();

function discardExporter() {
  return { export: async () => EXPORT_SUCCESS, shutdown: async () => {} };
}

function makeTelemetry() {
  return createTelemetry(
    {
      exporter: discardExporter(),
      flushOnExit: false,
      appName: 'bench',
      // processed only by the explicit flushes between calls (see the header)
      queue: { maxSize: 100_000, maxBatchSize: 100_000, scheduledDelayMs: 3_600_000 },
    },
    {},
  );
}

const { measuredFlush, row: pipelineRow } = createPipelineMeter();

/**
 * Interleaves raw, wrapped and a second raw client call by call (rotating the order), so drift and background
 * load hit all three alike; compares per-call medians. Pipeline work (batched, off the call path) is measured in
 * part 2, where it is included.
 */
async function endToEnd(baseURL, stream, telemetry) {
  const make = () => new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });
  const clients = { raw: make(), raw2: make(), wrapped: wrapOpenAI(make(), { telemetry }) };
  const keys = ['cpu', 'wall', 'ttft'];
  const total = stream ? CALLS * 4 : CALLS * 6;
  const warmup = 150;
  const samples = await interleaveCalls({
    clients,
    call: (client) => oneChatCall(client, stream, messages),
    calls: total,
    warmup,
    keys,
    flushEvery: 500,
    flush: () => measuredFlush(telemetry),
  });
  await measuredFlush(telemetry);
  const out = addedOverRaw(samples, keys);
  process.stdout.write(
    `  ${stream ? 'streamed' : 'plain'}: ${total} calls each; raw ${out.cpuRaw.toFixed(0)} µs CPU/call, wrapped +${out.cpu.toFixed(1)} µs (raw-vs-raw ${out.cpuNoise.toFixed(1)})\n`,
  );
  return out;
}

// ---- part 2: in-process, canned responses --------------------------------------------------------------

function completionJSON() {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there!' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  });
}

function streamSSE(chunks) {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini' };
  let out = `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })}\n\n`;
  for (let i = 0; i < chunks; i++) {
    out += `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: ' tok' } }] })}\n\n`;
  }
  out += `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
  out += `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 5, completion_tokens: chunks, total_tokens: chunks + 5 } })}\n\n`;
  out += 'data: [DONE]\n\n';
  return out;
}

function cannedClient(body, contentType) {
  return new OpenAI({
    apiKey: 'sk-bench',
    baseURL: 'http://canned.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

/** Per-call CPU of one canned call (and the synchronous time spent in `create()`). */
async function cannedCall(client, stream) {
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  const promise = client.chat.completions.create(
    stream ? { model: 'gpt-4o-mini', messages, stream: true } : { model: 'gpt-4o-mini', messages },
  );
  const sync = (performance.now() - t0) * 1000;
  const result = await promise;
  if (stream) for await (const _ of result) void _;
  return { cpu: cpuMicros() - cpu0, sync };
}

async function interleaved(clients, stream, calls, warmup) {
  const samples = await interleaveCalls({
    clients,
    call: (client) => cannedCall(client, stream),
    calls,
    warmup,
    keys: ['cpu', 'sync'],
  });
  const m = (name, key) => median(samples[name][key]);
  return {
    cpu: m('wrapped', 'cpu') - (m('raw', 'cpu') + m('raw2', 'cpu')) / 2,
    cpuNoise: Math.abs(m('raw', 'cpu') - m('raw2', 'cpu')),
    sync: m('wrapped', 'sync') - (m('raw', 'sync') + m('raw2', 'sync')) / 2,
    rawCpu: m('raw', 'cpu'),
  };
}

async function inProcess(telemetry) {
  const CHUNKS = 1000;
  const plain = completionJSON();
  const sse = streamSSE(CHUNKS);
  const make = (body, type) => ({
    raw: cannedClient(body, type),
    raw2: cannedClient(body, type),
    wrapped: wrapOpenAI(cannedClient(body, type), { telemetry }),
  });
  const call = await interleaved(make(plain, 'application/json'), false, QUICK ? 2000 : 8000, 1000);
  await measuredFlush(telemetry);
  const chunk = await interleaved(make(sse, 'text/event-stream'), true, QUICK ? 60 : 200, 20);
  await measuredFlush(telemetry);

  // Whole blocks, including the span pipeline's own CPU (flushed inside the measured block).
  const clients = make(plain, 'application/json');
  const block = async (client, flush) => {
    gc();
    const cpu0 = cpuMicros();
    const n = QUICK ? 2000 : 5000;
    for (let i = 0; i < n; i++) await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    if (flush) await telemetry.flush(5000);
    return (cpuMicros() - cpu0) / n;
  };
  const withPipeline = [];
  const pipelineNoise = [];
  for (let round = 0; round < ROUNDS; round++) {
    const r1 = await block(clients.raw, false);
    const w = await block(clients.wrapped, true);
    const r2 = await block(clients.raw2, false);
    withPipeline.push(w - (r1 + r2) / 2);
    pipelineNoise.push(Math.abs(r1 - r2));
  }
  process.stdout.write(
    `  in-process: raw ${call.rawCpu.toFixed(0)} µs CPU/call, wrapped +${call.cpu.toFixed(1)}; stream of ${CHUNKS} chunks raw ${chunk.rawCpu.toFixed(0)} µs, wrapped +${chunk.cpu.toFixed(0)}\n`,
  );
  return {
    callCpu: call.cpu,
    callNoise: call.cpuNoise,
    callSync: call.sync,
    pipelineCpu: median(withPipeline),
    pipelineNoise: median(pipelineNoise),
    chunkCpu: chunk.cpu / CHUNKS,
    chunkNoise: chunk.cpuNoise / CHUNKS,
  };
}

const server = await startMockServer();
const telemetry = makeTelemetry();
try {
  const plain = await endToEnd(server.url + '/v1', false, telemetry);
  const streamed = await endToEnd(server.url + '/v1', true, telemetry);
  const micro = await inProcess(telemetry);
  const stats = telemetry.stats();
  const rows = [
    row('loopback: added CPU, non-streamed call', plain.cpu, 'µs/call', '< 25', plain.cpuNoise, 25),
    row('loopback: added wall time, non-streamed call', plain.wall, 'µs/call', '', plain.wallNoise),
    row('loopback: added CPU, streamed call', streamed.cpu, 'µs/call', '', streamed.cpuNoise),
    row('loopback: added wall time, streamed call', streamed.wall, 'µs/call', '', streamed.wallNoise),
    row('loopback: added TTFT', streamed.ttft, 'µs', '< 50', streamed.ttftNoise, 50),
    row('in-process: added CPU per call (call path)', micro.callCpu, 'µs/call', '< 25', micro.callNoise, 25),
    row(
      'in-process: added CPU per call incl. pipeline',
      micro.pipelineCpu,
      'µs/call',
      '',
      micro.pipelineNoise,
    ),
    pipelineRow(),
    row('in-process: added sync time in create()', micro.callSync, 'µs/call', ''),
    row('in-process: added CPU per stream chunk', micro.chunkCpu, 'µs/chunk', '< 1', micro.chunkNoise, 1),
  ];
  process.stdout.write(
    `  spans started ${stats.started}, exported ${stats.exported}, dropped ${stats.droppedQueueFull}\n`,
  );
  emitResult('openai-overhead', rows);
} finally {
  await telemetry.shutdown(2000);
  server.stop();
}
