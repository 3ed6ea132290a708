#!/usr/bin/env node
// Scanner throughput: scanText (the built-in PII, secret and injection detectors) in MB/s on 1 KB and 100 KB
// prompts of ASCII prose, without findings and with PII, beside a plain loop over regular expressions for the
// same categories. Also reports precision/recall on the labelled corpus. Target: >= 100 MB/s on prose without
// findings. Set TAPLINE_CORE_ENTRY to import another build of @tapline/core (default: packages/core/dist).
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = process.env.TAPLINE_CORE_ENTRY
  ? resolve(process.env.TAPLINE_CORE_ENTRY)
  : join(here, '../../packages/core/dist/index.js');
const core = await import(pathToFileURL(entry).href);
if (typeof core.scanText !== 'function') {
  console.error(`${entry} does not export scanText; build @tapline/core with the privacy exports first.`);
  process.exit(1);
}
const { scanText } = core;
const corpus = JSON.parse(
  readFileSync(join(here, '../../packages/core/src/privacy/testdata/labelled-corpus.json'), 'utf8'),
);

// Deterministic ASCII prose: lower-case words, sentence capitals, punctuation, a few harmless numbers.
const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so what up out about who them into more some ' +
  'could time than first other then its over two also after our model prompt response latency token request ' +
  'stream budget review release planning meeting schedule design system careful quickly usually report'
).split(' ');
function prose(length, seed = 1) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  let text = '';
  let sentence = 0;
  while (text.length < length) {
    let word = WORDS[Math.floor(next() * WORDS.length)];
    if (sentence === 0) word = word[0].toUpperCase() + word.slice(1);
    text += word;
    sentence++;
    if (sentence > 6 && next() < 0.15) {
      text += next() < 0.2 ? ', in 3 steps. ' : next() < 0.5 ? '. ' : '? ';
      sentence = 0;
    } else {
      text += next() < 0.05 ? ', ' : ' ';
    }
  }
  return text.slice(0, length);
}
const positives = corpus.samples
  .filter((s) => s.categories.length > 0 && s.set !== 'hard')
  .map((s) => s.text);
function withPii(length) {
  const base = prose(length, 7);
  let out = '';
  let k = 0;
  for (let i = 0; i < base.length; i += 400) {
    out += `${base.slice(i, i + 400)} ${positives[k++ % positives.length]} `;
  }
  return out.slice(0, length);
}

// The baseline: one regular expression per category, each run over the whole text.
const BASELINE = [
  /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g,
  /\+[1-9][\d .()-]{7,20}\d|\(?\b[2-9]\d{2}\)?[ .-]\d{3}[ .-]\d{4}\b/g,
  /\b(?:\d{4}[ -]?){3}\d{1,4}\b|\b\d{4}[ -]\d{6}[ -]\d{4,5}\b/g,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b/g,
  /(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}/g,
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
  /\bsk-(?:ant-)?[A-Za-z0-9_-]{20,}/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}|\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/g,
  /ignore (?:all )?(?:previous|prior) instructions|system prompt|do anything now|developer mode|union select|' or 1=1/gi,
];
function baselineScan(text) {
  let count = 0;
  for (const regex of BASELINE) {
    regex.lastIndex = 0;
    while (regex.exec(text) !== null) count++;
  }
  return count;
}

// Median MB/s of 9 timed rounds after a timed warm-up. On a shared machine, compare each figure with the
// charCodeAt reference taken right after it (printed as a ratio) and with the load average printed at the start.
function throughput(fn, text, budgetMs = 900) {
  const warmUntil = performance.now() + 100;
  while (performance.now() < warmUntil) fn(text);
  const rounds = [];
  for (let round = 0; round < 9; round++) {
    let iterations = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn(text);
      iterations++;
      elapsed = performance.now() - start;
    } while (elapsed < budgetMs / 9);
    rounds.push((text.length * iterations) / 1e6 / (elapsed / 1000));
  }
  rounds.sort((a, b) => a - b);
  return rounds[4];
}

// Machine reference: the cheapest possible pass over the same characters.
function charLoop(text) {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

const cases = [
  ['1 KB prose, no findings', prose(1024)],
  ['100 KB prose, no findings', prose(100 * 1024)],
  ['1 KB with PII', withPii(1024)],
  ['100 KB with PII', withPii(100 * 1024)],
];
const load = loadavg()[0];
console.log(`load average (1 min): ${load.toFixed(2)} on ${availableParallelism()} cores`);
const reference = prose(100 * 1024);
const rows = [];
for (const [name, text] of cases) {
  // Warm up both.
  for (let i = 0; i < 50; i++) {
    scanText(text, { maxLength: 1e9 });
    baselineScan(text);
  }
  const ours = throughput((t) => scanText(t, { maxLength: 1e9 }), text);
  const baseline = throughput(baselineScan, text);
  const machine = throughput(charLoop, reference);
  const findings = scanText(text, { maxLength: 1e9 }).findings.length;
  const noFindings = name.includes('no findings');
  const ratio = ours / machine;
  console.log(
    `${name}: scanText ${ours.toFixed(1)} MB/s (${findings} findings, ${ratio.toFixed(2)}x the charCodeAt ` +
      `loop's ${machine.toFixed(0)} MB/s just after), regex loop ${baseline.toFixed(1)} MB/s`,
  );
  rows.push({
    name: `scanText, ${name}`,
    value: ours,
    unit: 'MB/s',
    ...(noFindings ? { target: '>= 100', pass: ours >= 100 } : {}),
    note: `${findings} findings; ${ratio.toFixed(2)}x charCodeAt loop; load ${load.toFixed(1)}`,
  });
  rows.push({ name: `regex loop (baseline), ${name}`, value: baseline, unit: 'MB/s' });
}

for (let i = 0; i < 50; i++) charLoop(reference);
const loopRate = throughput(charLoop, reference);
console.log(`plain charCodeAt loop over 100 KB: ${loopRate.toFixed(1)} MB/s (machine reference)`);
rows.push({ name: 'plain charCodeAt loop, 100 KB (machine reference)', value: loopRate, unit: 'MB/s' });

// Precision and recall on the labelled corpus (main set).
let tp = 0;
let fp = 0;
let fn = 0;
for (const sample of corpus.samples.filter((s) => s.set !== 'hard')) {
  const found = new Set(scanText(sample.text).categories);
  for (const category of sample.categories) found.has(category) ? tp++ : fn++;
  for (const category of found) if (!sample.categories.includes(category)) fp++;
}
rows.push({ name: 'corpus precision (all categories)', value: tp / (tp + fp), unit: 'ratio' });
rows.push({ name: 'corpus recall (all categories)', value: tp / (tp + fn), unit: 'ratio' });

console.log(`BENCH_RESULT ${JSON.stringify({ scenario: 'scanner', rows })}`);
