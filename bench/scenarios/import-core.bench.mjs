// Time to import @tapline/core in a fresh process (target: under 30 ms), beside importing a trivial module.
// Needs core built (`npm run build`). TAPLINE_CORE=<path to a built module> measures another build.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const CORE = process.env.TAPLINE_CORE ? pathToFileURL(process.env.TAPLINE_CORE).href : '@tapline/core';
const RUNS = 15;

function importTime(specifier) {
  const code = `const t0 = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t0);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const baseline = [];
const core = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(importTime('data:text/javascript,export const x = 1;'));
  core.push(importTime(CORE));
}
const coreMedian = median(core);
const rows = [
  { name: 'import trivial module (baseline)', value: median(baseline), unit: 'ms' },
  {
    name: 'import @tapline/core',
    value: coreMedian,
    unit: 'ms',
    target: '< 30',
    pass: coreMedian < 30,
    note: `min ${Math.min(...core).toFixed(1)} / max ${Math.max(...core).toFixed(1)} over ${RUNS} processes`,
  },
];
console.log(`BENCH_RESULT ${JSON.stringify({ scenario: 'import-core', rows })}`);
