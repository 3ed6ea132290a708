// countTokens throughput beside raw js-tiktoken (target: within 5%), and first-call latency including the lazy
// load of the encoding, each in a fresh process. Needs core built (`npm run build`).
// TAPLINE_CORE=<path to a built module> measures another build of core (e.g. before the exports are wired).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const CORE = process.env.TAPLINE_CORE ? pathToFileURL(process.env.TAPLINE_CORE).href : '@tapline/core';

const PARAGRAPH =
  'Telemetry for language models has to be cheap on the call path and exact afterwards. ' +
  "The pipeline counts tokens when a provider doesn't report them — streams without usage, aborted streams — " +
  'and prices them from a versioned table. Numbers: 12,345 tokens at $2.50 per 1M is $0.0308625. ' +
  'Code too: `const total = usage.input + usage.output;` and some Unicode: naïve café, 日本語, emoji 🎉.\n\n';
const TEXTS = [PARAGRAPH, PARAGRAPH.repeat(4), PARAGRAPH.slice(0, 120), PARAGRAPH.repeat(2)];
const ROUNDS = 3;
const CALLS = 400;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(fn) {
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < CALLS; i++) sink += await fn(TEXTS[i % TEXTS.length]);
  const elapsed = performance.now() - start;
  if (sink < 0) console.log(sink);
  return (elapsed * 1000) / CALLS; // µs per call
}

/**
 * One first count in a fresh process: its latency (ms) and the longest the event loop went without running a
 * 1 ms interval meanwhile (ms), i.e. how long the application would have stalled.
 */
function firstCall(kind) {
  const ticker = `let last = performance.now(), stall = 0;
         const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 1);`;
  const code =
    kind === 'raw'
      ? `${ticker}
         const t0 = performance.now();
         const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
         const n = new Tiktoken(ranks.default).encode('hello world').length;
         const t1 = performance.now();
         await new Promise((resolve) => setTimeout(resolve, 5));
         clearInterval(timer);
         console.log(t1 - t0, stall, n);`
      : `const { countTokens } = await import(${JSON.stringify(CORE)});
         ${ticker}
         const t0 = performance.now();
         const n = (await countTokens('hello world', 'gpt-4o')).tokens;
         const t1 = performance.now();
         await new Promise((resolve) => setTimeout(resolve, 5));
         clearInterval(timer);
         console.log(t1 - t0, stall, n);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  if (run.status !== 0) throw new Error(run.stderr);
  const [latency, stall] = run.stdout.trim().split(' ').map(Number);
  return { latency, stall };
}

// One variant per fresh process, alternating, so that each measures one encoder instance (an o200k instance
// holds hundreds of MB of rank maps; two in one heap skew GC) and drift hits every variant alike.
const variant = process.argv[2];
if (variant) {
  let count;
  if (variant === 'raw') {
    const [{ Tiktoken }, ranks] = await Promise.all([
      import('js-tiktoken/lite'),
      import('js-tiktoken/ranks/o200k_base'),
    ]);
    const raw = new Tiktoken(ranks.default);
    count = (text) => raw.encode(text).length;
  } else {
    const { countTokens, countTokensSync } = await import(CORE);
    await countTokens('warm up', 'gpt-4o');
    count = variant === 'sync' ? (text) => countTokensSync(text, 'gpt-4o').tokens : undefined;
    if (variant === 'async') count = async (text) => (await countTokens(text, 'gpt-4o')).tokens;
  }
  await measure(count); // warm-up
  const runs = [];
  for (let round = 0; round < 5; round++) runs.push(await measure(count));
  console.log(median(runs));
  process.exit(0);
}

function runVariant(name) {
  const run = spawnSync(process.execPath, [new URL(import.meta.url).pathname, name], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

const rawRuns = [];
const asyncRuns = [];
const syncRuns = [];
for (let round = 0; round < ROUNDS; round++) {
  rawRuns.push(runVariant('raw'));
  asyncRuns.push(runVariant('async'));
  syncRuns.push(runVariant('sync'));
  process.stdout.write(`round ${round + 1}/${ROUNDS}\n`);
}
const rawMedian = median(rawRuns);
const asyncMedian = median(asyncRuns);
const syncMedian = median(syncRuns);
const rawSpread = ((Math.max(...rawRuns) - Math.min(...rawRuns)) / rawMedian) * 100;
const overheadAsync = (asyncMedian / rawMedian - 1) * 100;
const overheadSync = (syncMedian / rawMedian - 1) * 100;

const firstRawRuns = [firstCall('raw'), firstCall('raw'), firstCall('raw')];
const firstTaplineRuns = [firstCall('tapline'), firstCall('tapline'), firstCall('tapline')];
const firstRaw = median(firstRawRuns.map((run) => run.latency));
const firstTapline = median(firstTaplineRuns.map((run) => run.latency));
const stallRaw = median(firstRawRuns.map((run) => run.stall));
const stallTapline = median(firstTaplineRuns.map((run) => run.stall));

const rows = [
  {
    name: 'raw js-tiktoken encode().length (o200k)',
    value: rawMedian,
    unit: 'µs/call',
    note: `run-to-run spread ${rawSpread.toFixed(1)}%`,
  },
  { name: 'countTokens (async)', value: asyncMedian, unit: 'µs/call' },
  { name: 'countTokensSync', value: syncMedian, unit: 'µs/call' },
  { name: 'countTokens vs raw', value: overheadAsync, unit: '%', target: '< 5', pass: overheadAsync < 5 },
  { name: 'countTokensSync vs raw', value: overheadSync, unit: '%', target: '< 5', pass: overheadSync < 5 },
  { name: 'first call, raw (import ranks + Tiktoken)', value: firstRaw, unit: 'ms' },
  { name: 'first call, countTokens (lazy load)', value: firstTapline, unit: 'ms' },
  { name: 'longest event-loop stall during the first call, raw', value: stallRaw, unit: 'ms' },
  {
    name: 'longest event-loop stall during the first call, countTokens',
    value: stallTapline,
    unit: 'ms',
    note: 'rank maps built in slices, yielding between them',
  },
];
console.log(`BENCH_RESULT ${JSON.stringify({ scenario: 'tokens', rows })}`);
