#!/usr/bin/env node
// Runs every benchmark scenario (bench/scenarios/*.bench.mjs), each in a fresh Node process, prints one table
// and writes bench/results/latest.json. `npm run bench -- tokens` runs only scenarios whose file name contains
// "tokens".
//
// Scenario contract: a scenario is a standalone ESM script. It measures, then prints one line
//   BENCH_RESULT {"scenario":"...","rows":[{"name":"...","value":1.23,"unit":"µs/call","target":"< 25","pass":true,"note":"..."}]}
// to stdout. Anything else it prints is shown as progress. It must bound its own run time (< 2 minutes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(join(here, 'scenarios'))
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const results = [];
for (const file of files) {
  process.stderr.write(`\n▶ ${file}\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(here, 'scenarios', file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60_000,
  });
  const lines = (run.stdout ?? '').split('\n');
  for (const line of lines)
    if (line && !line.startsWith('BENCH_RESULT ')) process.stderr.write(`  ${line}\n`);
  const resultLine = lines.find((line) => line.startsWith('BENCH_RESULT '));
  if (run.status !== 0 || !resultLine) {
    results.push({
      scenario: file,
      error: `exit ${run.status}${run.signal ? ` (${run.signal})` : ''}`,
      rows: [],
    });
    continue;
  }
  results.push(JSON.parse(resultLine.slice('BENCH_RESULT '.length)));
}

const table = [['scenario', 'measure', 'value', 'unit', 'target', 'ok']];
for (const result of results) {
  if (result.error) table.push([result.scenario, 'FAILED', result.error, '', '', '✗']);
  for (const row of result.rows) {
    const value =
      typeof row.value === 'number' ? Number(row.value.toPrecision(4)).toString() : String(row.value);
    const ok = row.pass === undefined ? '' : row.pass ? '✓' : '✗';
    table.push([result.scenario, row.name, value, row.unit ?? '', row.target ?? '', ok]);
  }
}
const widths = table[0].map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
for (const [index, row] of table.entries()) {
  console.log(row.map((cell, column) => String(cell).padEnd(widths[column])).join('  '));
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}

const machine = { node: process.version, platform: process.platform, arch: process.arch };
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'latest.json');
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
process.exitCode = results.some((result) => result.error) ? 1 : 0;
