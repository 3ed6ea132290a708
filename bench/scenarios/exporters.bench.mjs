// Exporter throughput on loopback and memory while the destination is stalled.
// - spans/s through httpExporter (to a collector in its own process), kafkaExporter (to a real broker started by
//   scripts/services/kafka.sh) and otlpExporter (http/protobuf to the collector from scripts/services/otelcol.sh),
//   one export at a time in batches of 512, as the pipeline calls them.
// - peak RSS and heap while an HTTP collector accepts connections but never answers, for TAPLINE_BENCH_STALL_S
//   seconds (default 60) under a steady 2000 spans/s through createTelemetry with a spool capped at 16 MiB.
// Needs `npm run build` first (bench/run.mjs does it). Prints a BENCH_RESULT line (contract in bench/run.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const { createExporter, httpExporter, kafkaExporter, otlpExporter } = await import(
  join(repo, 'packages/exporters/dist/index.js')
);
const { createTelemetry } = await import(join(repo, 'packages/core/dist/index.js'));

const BATCH = 512;
const RUN_MS = 5000;
const STALL_S = Number(process.env.TAPLINE_BENCH_STALL_S ?? 60);
// TAPLINE_BENCH_PARTS narrows the run, e.g. `stall` or `http,kafka`.
const parts = new Set((process.env.TAPLINE_BENCH_PARTS ?? 'http,kafka,otlp,stall').split(','));
const rows = [];
const work = mkdtempSync(join(tmpdir(), 'tapline-bench-exporters-'));

function span() {
  return {
    schemaVersion: 1,
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    kind: 'llm',
    name: 'chat gpt-4o-mini',
    startTime: new Date().toISOString(),
    endTime: new Date().toISOString(),
    durationMs: 412.5,
    ttftMs: 120.2,
    provider: 'openai',
    operation: 'chat',
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    responseId: `chatcmpl-${randomBytes(6).toString('hex')}`,
    request: { temperature: 0.2, maxTokens: 256, stream: true },
    usage: { input: 812, output: 96, total: 908, cachedInput: 512, source: 'provider' },
    cost: {
      currency: 'USD',
      input: 0.0001,
      output: 0.00005,
      total: 0.00015,
      priceVersion: 'openai/gpt-4o-mini@1',
    },
    finishReasons: ['stop'],
    status: 'ok',
    appName: 'bench',
    environment: 'bench',
    userIdHash: randomBytes(16).toString('hex'),
    flags: { sampled: true, piiDetected: false, injectionSuspected: false, contentCaptured: false },
    sdk: { name: '@tapline/core', version: '0.1.0', integration: 'openai' },
  };
}
const pool = Array.from({ length: 8 }, () => Array.from({ length: BATCH }, span));

async function throughput(name, exporter) {
  let spans = 0;
  let failures = 0;
  const started = performance.now();
  for (let index = 0; performance.now() - started < RUN_MS; index++) {
    const result = await exporter.export(pool[index % pool.length]);
    if (result.code === 'success') spans += BATCH;
    else failures++;
  }
  const perSecond = spans / ((performance.now() - started) / 1000);
  await exporter.shutdown();
  console.log(`${name}: ${Math.round(perSecond)} spans/s (${failures} failed exports)`);
  return { perSecond, failures };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A collector in its own process: gunzips, parses and counts; `stall` accepts requests and never answers. */
async function startCollectorProcess(mode) {
  const port = await freePort();
  const code = `
    const http = require('node:http'); const zlib = require('node:zlib');
    http.createServer((req, res) => {
      const chunks = []; req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        if (${mode === 'stall'}) return;
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
        JSON.parse(body.toString('utf8'));
        res.writeHead(200).end('{}');
      });
    }).listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/v1/spans`, stop: () => child.kill() };
}

// HTTP collector
if (parts.has('http')) {
  const collector = await startCollectorProcess('ok');
  const { perSecond } = await throughput('http', httpExporter({ url: collector.url }));
  rows.push({
    name: 'http exporter throughput',
    value: perSecond,
    unit: 'spans/s',
    target: '>= 20000',
    pass: perSecond >= 20_000,
  });
  collector.stop();
}

// Kafka
const kafkaState = join(work, 'kafka');
if (parts.has('kafka'))
  try {
    const port = execFileSync(join(repo, 'scripts/services/kafka.sh'), ['start', kafkaState], {
      encoding: 'utf8',
    }).trim();
    const exporter = kafkaExporter({
      brokers: [`127.0.0.1:${port}`],
      topic: 'bench',
      autocreateTopics: true,
    });
    await exporter.export(pool[0]); // topic creation and metadata outside the timed run
    const { perSecond } = await throughput('kafka', exporter);
    rows.push({
      name: 'kafka exporter throughput',
      value: perSecond,
      unit: 'spans/s',
      target: '>= 20000',
      pass: perSecond >= 20_000,
    });
  } catch (error) {
    rows.push({ name: 'kafka exporter throughput', value: 'error', note: String(error).slice(0, 200) });
  } finally {
    execFileSync(join(repo, 'scripts/services/kafka.sh'), ['stop', kafkaState]);
  }

// OTLP (http/protobuf to a real collector)
const otelState = join(work, 'otelcol');
if (parts.has('otlp'))
  try {
    const [httpPort] = execFileSync(join(repo, 'scripts/services/otelcol.sh'), ['start', otelState], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/);
    const { perSecond } = await throughput(
      'otlp',
      otlpExporter({ endpoint: `http://127.0.0.1:${httpPort}` }),
    );
    rows.push({
      name: 'otlp http/protobuf throughput',
      value: perSecond,
      unit: 'spans/s',
      note: 'collector forwards to a JSON file sink',
    });
  } catch (error) {
    rows.push({ name: 'otlp http/protobuf throughput', value: 'error', note: String(error).slice(0, 200) });
  } finally {
    execFileSync(join(repo, 'scripts/services/otelcol.sh'), ['stop', otelState]);
  }

// Stalled destination, steady load through the whole pipeline.
if (parts.has('stall')) {
  const collector = await startCollectorProcess('stall');
  const telemetry = createTelemetry({
    appName: 'bench',
    flushOnExit: false,
    queue: { maxSize: 2048, maxBatchSize: 512, scheduledDelayMs: 200, exportTimeoutMs: 30_000 },
    exporter: createExporter({
      type: 'http',
      url: collector.url,
      timeoutMs: 2000,
      retry: { maxAttempts: 2, maxElapsedMs: 5000 },
      spool: { dir: join(work, 'spool'), maxBytes: 16 * 1024 * 1024, retryIntervalMs: 1000, fsync: 'never' },
    }),
  });
  globalThis.gc?.();
  const samples = [];
  const started = Date.now();
  const tick = setInterval(() => {
    for (let index = 0; index < 200; index++) {
      telemetry
        .startSpan({ name: 'chat gpt-4o-mini', kind: 'llm', provider: 'openai', requestModel: 'gpt-4o-mini' })
        .end();
    }
  }, 100);
  while (Date.now() - started < STALL_S * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Live heap: collect first (the runner passes --expose-gc), so garbage V8 has not yet collected is not counted.
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    samples.push({ rss, heapUsed });
    if (samples.length % 10 === 0) {
      console.log(
        `${samples.length}s rss ${(rss / 1048576).toFixed(0)} MiB heap ${(heapUsed / 1048576).toFixed(0)} MiB`,
      );
    }
  }
  clearInterval(tick);
  const mb = (bytes) => bytes / 1024 / 1024;
  const peakRss = Math.max(...samples.map((s) => s.rss));
  const peakHeap = Math.max(...samples.map((s) => s.heapUsed));
  const tenth = samples[Math.min(9, samples.length - 1)];
  const last = samples.at(-1);
  const stats = telemetry.stats();
  console.log(
    `stalled ${STALL_S}s: peak rss ${mb(peakRss).toFixed(1)} MiB, heap ${mb(peakHeap).toFixed(1)} MiB`,
    stats,
  );
  rows.push({
    name: `peak RSS, destination stalled ${STALL_S}s at 2000 spans/s`,
    value: mb(peakRss),
    unit: 'MiB',
  });
  rows.push({ name: 'peak live heap while stalled', value: mb(peakHeap), unit: 'MiB' });
  rows.push({
    name: 'live heap growth, 10 s → end of stall',
    value: mb(last.heapUsed - tenth.heapUsed),
    unit: 'MiB',
    target: '< 16 (flat)',
    pass: mb(last.heapUsed - tenth.heapUsed) < 16,
  });
  rows.push({
    name: 'spans dropped by the full queue while stalled',
    value: stats.droppedQueueFull,
    unit: 'spans',
  });
  collector.stop();
  // Shutdown is bounded by unref'd timers; keep the process alive until it settles or 3 s pass.
  await Promise.race([telemetry.shutdown(2000), new Promise((resolve) => setTimeout(resolve, 3000))]);
}

rmSync(work, { recursive: true, force: true });
console.log(`BENCH_RESULT ${JSON.stringify({ scenario: 'exporters', rows })}`);
process.exit(0);
