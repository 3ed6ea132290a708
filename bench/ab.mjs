// A/B of two (or more) builds of @tapline/core + @tapline/openai in ONE process, against the mock server on
// loopback: changes of a few µs per call are lost in the drift between separate benchmark runs (±5–20 µs on this
// machine, and more with a different mix of clients), but show within one process, where every build sees the
// same machine state.
//
//   npm run build && node bench/ab.mjs save before     # copies the built dists to bench/dist/ab/before/
//   (change the code) npm run build && node bench/ab.mjs save after
//   node bench/ab.mjs run before after                 # streamed calls; BENCH_AB_PLAIN=1 for non-streamed
//
// Each measurement calls raw, raw2 and one `wrapOpenAI` client per build (`streamUsage: false` unless
// BENCH_AB_USAGE=1), in a fresh random order every iteration, and takes added CPU and TTFT per build (median − mean
// of the two raw medians) with the raw-vs-raw noise. The build loaded first measures lower (an A/A of one build
// under two names: 4 µs on average, up to 7), so `run` measures once per load order, each in its own process
// (A B, then B A; every rotation for more builds), and prints each order and the mean, in which that bias
// cancels. Copies live under bench/dist/ (not committed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { startMockServer } from './lib/mock-server-process.mjs';
import { oneChatCall } from './lib/openai-call.mjs';
import { median } from './lib/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const saved = (name) => join(root, 'bench', 'dist', 'ab', name);
const [command, ...names] = process.argv.slice(2);

function save(name) {
  const dir = saved(name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'packages/core/dist/index.js'), join(dir, 'core.mjs'));
  const adapter = readFileSync(join(root, 'packages/openai/dist/index.js'), 'utf8');
  writeFileSync(join(dir, 'openai.mjs'), adapter.replaceAll("from '@tapline/core'", "from './core.mjs'"));
  process.stdout.write(`saved the current core and openai builds as ${dir}\n`);
}

async function measure(builds) {
  const stream = process.env.BENCH_AB_PLAIN !== '1';
  const calls = Number(process.env.BENCH_AB_CALLS ?? 1500);
  const warmup = 150;
  const server = await startMockServer();
  const make = () => new OpenAI({ apiKey: 'sk-bench', baseURL: `${server.url}/v1`, maxRetries: 0 });
  const clients = { raw: make(), raw2: make() };
  for (const name of new Set(builds)) {
    const dir = saved(name);
    if (!existsSync(join(dir, 'core.mjs')))
      throw new Error(`no saved build "${name}" (bench/ab.mjs save ${name})`);
    const core = await import(pathToFileURL(join(dir, 'core.mjs')).href);
    const adapter = await import(pathToFileURL(join(dir, 'openai.mjs')).href);
    const telemetry = core.createTelemetry(
      { exporter: { type: 'none' }, flushOnExit: false, appName: 'ab', queue: { maxSize: 100_000 } },
      {},
    );
    clients[name] = adapter.wrapOpenAI(make(), {
      telemetry,
      streamUsage: process.env.BENCH_AB_USAGE === '1',
    });
  }
  const labels = Object.keys(clients);
  const samples = Object.fromEntries(labels.map((label) => [label, { cpu: [], ttft: [] }]));
  const messages = [{ role: 'user', content: 'Say hello in a short sentence.' }];
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < warmup + calls; i++) {
    const order = [...labels];
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const label of order) {
      const result = await oneChatCall(clients[label], stream, messages);
      if (i >= warmup) for (const key of ['cpu', 'ttft']) samples[label][key].push(result[key]);
    }
  }
  server.stop();
  const result = { stream, order: labels.slice(2), keys: {} };
  for (const key of stream ? ['cpu', 'ttft'] : ['cpu']) {
    const raw = median(samples.raw[key]);
    const raw2 = median(samples.raw2[key]);
    const base = (raw + raw2) / 2;
    const added = Object.fromEntries(
      labels.slice(2).map((label) => [label, median(samples[label][key]) - base]),
    );
    result.keys[key] = { base, noise: Math.abs(raw - raw2), added };
  }
  process.stdout.write(`AB_RESULT ${JSON.stringify(result)}\n`);
}

/** Measures once per rotation of the build list, each in a fresh process; prints every order and the mean. */
function runRotations(builds) {
  const unique = [...new Set(builds)];
  const results = unique.map((_, shift) => {
    const order = [...unique.slice(shift), ...unique.slice(0, shift)];
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'measure', ...order], {
      env: process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = child.stdout.split('\n').find((text) => text.startsWith('AB_RESULT '));
    if (!line) throw new Error(`measurement ${order.join(' ')} failed (exit ${child.status})`);
    return JSON.parse(line.slice('AB_RESULT '.length));
  });
  const { stream } = results[0];
  for (const key of Object.keys(results[0].keys)) {
    const label = `${stream ? 'streamed' : 'plain'} ${key === 'cpu' ? 'CPU µs/call' : 'TTFT µs'}`;
    for (const result of results) {
      const { base, noise, added } = result.keys[key];
      const cells = result.order.map((name) => `${name} +${added[name].toFixed(1)}`);
      process.stdout.write(
        `${label}, loaded ${result.order.join(' ')}: raw ${base.toFixed(1)} (raw-vs-raw ${noise.toFixed(1)}) | ${cells.join('  ')}\n`,
      );
    }
    const mean = (name) =>
      results.reduce((sum, result) => sum + result.keys[key].added[name], 0) / results.length;
    process.stdout.write(
      `${label}, mean of the orders: ${unique.map((name) => `${name} +${mean(name).toFixed(1)}`).join('  ')}\n`,
    );
  }
}

if (command === 'save' && names.length === 1) save(names[0]);
else if (command === 'run' && names.length > 0) runRotations(names);
else if (command === 'measure' && names.length > 0) await measure(names);
else {
  process.stderr.write('usage: node bench/ab.mjs save NAME | node bench/ab.mjs run NAME [NAME…]\n');
  process.exitCode = 2;
}
process.exit();
