// Overhead of wrapAnthropic beside the raw @anthropic-ai/sdk client; the method is the one in
// openai-overhead.bench.mjs: (1) calls against the testkit mock server running in another process on loopback,
// raw / wrapped / second raw client interleaved call by call, per-call medians, raw-vs-raw spread as the noise
// floor; (2) in-process with a canned `fetch`: added CPU per call and per stream event.
// The span pipeline is held during the measured calls (long scheduledDelayMs, batch = queue) and flushed between
// calls every 500 rounds, so its batch work never lands inside a measured call; the CPU of those flushes is its
// own row, per span (see openai-overhead.bench.mjs and pipeline.bench.mjs).
// Needs `npm run build` (core, testkit, anthropic).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { wrapAnthropic } from '@tapline/anthropic';
import { createTelemetry, EXPORT_SUCCESS } from '@tapline/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const body = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Say hello.' }],
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function startServer() {
  const child = spawn(process.execPath, [join(root, 'packages/testkit/dist/cli.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (data) => {
      buffer += data;
      const match = /MOCK_SERVER_URL (\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

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

/** Pipeline CPU spent in flushes outside the measured calls, and the spans it processed. */
const pipeline = { cpu: 0, spans: 0 };
async function measuredFlush(telemetry) {
  const before = telemetry.stats().exported;
  const cpu0 = cpuMicros();
  await telemetry.flush(10_000);
  pipeline.cpu += cpuMicros() - cpu0;
  pipeline.spans += telemetry.stats().exported - before;
}

async function interleaved(clients, stream, calls, warmup, telemetry) {
  const names = Object.keys(clients);
  const samples = Object.fromEntries(names.map((name) => [name, { cpu: [], sync: [], ttft: [] }]));
  for (let i = 0; i < warmup + calls; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const result = await oneCall(clients[name], stream);
      if (i >= warmup) for (const key of ['cpu', 'sync', 'ttft']) samples[name][key].push(result[key]);
    }
    if (i % 500 === 0) await measuredFlush(telemetry);
  }
  await measuredFlush(telemetry);
  const out = {};
  for (const key of ['cpu', 'sync', 'ttft']) {
    const raw = median(samples.raw[key]);
    const raw2 = median(samples.raw2[key]);
    out[key] = median(samples.wrapped[key]) - (raw + raw2) / 2;
    out[`${key}Noise`] = Math.abs(raw - raw2);
    out[`${key}Raw`] = raw;
  }
  return out;
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
const server = await startServer();
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

  const row = (name, value, unit, target, noise, limit) => ({
    name,
    value,
    unit,
    target,
    pass: limit === undefined ? undefined : value < limit,
    note: noise === undefined ? undefined : `raw-vs-raw spread ${noise.toFixed(2)} ${unit}`,
  });
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
    {
      name: 'pipeline CPU per span (flushed between calls, off the call path)',
      value: pipeline.spans > 0 ? pipeline.cpu / pipeline.spans : 0,
      unit: 'µs/span',
      target: '',
      note: `${pipeline.spans} spans; see pipeline.bench.mjs for the pipeline alone`,
    },
  ];
  console.log(`BENCH_RESULT ${JSON.stringify({ scenario: 'anthropic-overhead', rows })}`);
} finally {
  await telemetry.shutdown(2000);
  server.stop();
}
