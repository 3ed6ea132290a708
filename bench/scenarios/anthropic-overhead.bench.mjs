// Overhead of wrapAnthropic beside the raw @anthropic-ai/sdk client; the method is the one in
// openai-overhead.bench.mjs: (1) calls against the testkit mock server running in another process on loopback,
// raw / wrapped / second raw client interleaved call by call, per-call medians, raw-vs-raw spread as the noise
// floor; (2) in-process with a canned `fetch`: added CPU per call and per stream event.
// The span pipeline is held during the measured calls (long scheduledDelayMs, batch = queue) and flushed between
// calls every 500 rounds, so its batch work never lands inside a measured call; the CPU of those flushes is its
// own row, per span (see openai-overhead.bench.mjs and pipeline.bench.mjs).
// Needs `npm run build` (core, testkit, anthropic).
import Anthropic from '@anthropic-ai/sdk';
import { wrapAnthropic } from '@tapline/anthropic';
import { createTelemetry, EXPORT_SUCCESS } from '@tapline/core';
import { cpuMicros } from '../lib/cpu.mjs';
import { emitResult } from '../lib/emit-result.mjs';
import { addedOverRaw, interleaveCalls } from '../lib/interleave.mjs';
import { startMockServer } from '../lib/mock-server-process.mjs';
import { overheadRow as row } from '../lib/overhead-row.mjs';
import { createPipelineMeter } from '../lib/pipeline-flush.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const body = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Say hello.' }],
};

async function oneCall(client, stream) {
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  const promise = client.messages.create(stream ? { ...body, stream: true } : body);
  const sync = (performance.now() - t0) * 1000;
  let ttft = 0;
  const result = await promise;
  if (stream) for await (const _ of result) if (ttft === 0) ttft = performance.now() - t0;
  return { cpu: cpuMicros() - cpu0, sync, ttft: ttft * 1000 };
}

const { measuredFlush, row: pipelineRow } = createPipelineMeter();

async function interleaved(clients, stream, calls, warmup, telemetry) {
  const keys = ['cpu', 'sync', 'ttft'];
  const samples = await interleaveCalls({
    clients,
    call: (client) => oneCall(client, stream),
    calls,
    warmup,
    keys,
    flushEvery: 500,
    flush: () => measuredFlush(telemetry),
  });
  await measuredFlush(telemetry);
  return addedOverRaw(samples, keys);
}

function cannedFetch(text, type) {
  return async () => new Response(text, { status: 200, headers: { 'content-type': type } });
}

function messageJSON() {
  return JSON.stringify({
    id: 'msg_bench',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text: 'Hello there!' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  });
}

function eventsSSE(deltas) {
  const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  let out = event('message_start', {
    message: {
      id: 'msg_bench',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  });
  out += event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < deltas; i++)
    out += event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' tok' } });
  out += event('content_block_stop', { index: 0 });
  out += event('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: deltas },
  });
  out += event('message_stop', {});
  return out;
}

const telemetry = createTelemetry(
  {
    exporter: { export: async () => EXPORT_SUCCESS, shutdown: async () => {} },
    flushOnExit: false,
    queue: { maxSize: 100_000, maxBatchSize: 100_000, scheduledDelayMs: 3_600_000 },
  },
  {},
);
const server = await startMockServer();
try {
  const loop = () => new Anthropic({ apiKey: 'sk-ant-bench', baseURL: server.url, maxRetries: 0 });
  const loopClients = () => ({ raw: loop(), raw2: loop(), wrapped: wrapAnthropic(loop(), { telemetry }) });
  const calls = QUICK ? 300 : 1500;
  const plain = await interleaved(loopClients(), false, calls, 150, telemetry);
  const streamed = await interleaved(loopClients(), true, Math.round(calls * 0.7), 100, telemetry);
  process.stdout.write(
    `  loopback: raw ${plain.cpuRaw.toFixed(0)} µs CPU/call, wrapped +${plain.cpu.toFixed(1)}; streamed raw ${streamed.cpuRaw.toFixed(0)}, wrapped +${streamed.cpu.toFixed(1)}\n`,
  );

  const canned = (text, type) =>
    new Anthropic({ apiKey: 'sk-ant-bench', maxRetries: 0, fetch: cannedFetch(text, type) });
  const cannedClients = (text, type) => ({
    raw: canned(text, type),
    raw2: canned(text, type),
    wrapped: wrapAnthropic(canned(text, type), { telemetry }),
  });
  const EVENTS = 1000;
  const call = await interleaved(
    cannedClients(messageJSON(), 'application/json'),
    false,
    QUICK ? 2000 : 8000,
    1000,
    telemetry,
  );
  const chunk = await interleaved(
    cannedClients(eventsSSE(EVENTS), 'text/event-stream'),
    true,
    QUICK ? 60 : 200,
    20,
    telemetry,
  );
  process.stdout.write(
    `  in-process: raw ${call.cpuRaw.toFixed(0)} µs CPU/call, wrapped +${call.cpu.toFixed(1)}\n`,
  );

  const rows = [
    row('loopback: added CPU, non-streamed call', plain.cpu, 'µs/call', '< 25', plain.cpuNoise, 25),
    row('loopback: added CPU, streamed call', streamed.cpu, 'µs/call', '', streamed.cpuNoise),
    row('loopback: added TTFT', streamed.ttft, 'µs', '< 50', streamed.ttftNoise, 50),
    row('in-process: added CPU per call (call path)', call.cpu, 'µs/call', '< 25', call.cpuNoise, 25),
    row('in-process: added sync time in create()', call.sync, 'µs/call', ''),
    row(
      'in-process: added CPU per stream event',
      chunk.cpu / EVENTS,
      'µs/event',
      '< 1',
      chunk.cpuNoise / EVENTS,
      1,
    ),
    pipelineRow(),
  ];
  emitResult('anthropic-overhead', rows);
} finally {
  await telemetry.shutdown(2000);
  server.stop();
}
