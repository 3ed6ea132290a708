#!/usr/bin/env node
// Validates the shipped price table (packages/core/data/prices.json) with the same rules as runtime config:
// required fields, prices >= 0, dates as YYYY-MM-DD, no duplicate (provider, model, version), a source for every
// entry, and that every entry can be looked up by its own name. Run with `npm run prices:check` (builds core first).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '../data/prices.json');
// an optional argument points at another build of core (e.g. a bundle of src/cost/index.ts)
const core = await import(
  process.argv[2] ? join(process.cwd(), process.argv[2]) : join(here, '../dist/index.js')
);

const { validatePriceTable, createPriceTable } = core;
if (typeof validatePriceTable !== 'function' || typeof createPriceTable !== 'function') {
  console.error(
    'prices:check: @tapline/core does not export validatePriceTable/createPriceTable; build it first',
  );
  process.exit(2);
}

let failures = 0;
const fail = (message) => {
  failures++;
  console.error(`✗ ${message}`);
};

const table = JSON.parse(readFileSync(file, 'utf8'));
if (!/^\d{4}-\d{2}-\d{2}$/.test(table.updated ?? '')) fail('"updated" must be a YYYY-MM-DD date');
let entries = [];
try {
  entries = validatePriceTable(table.entries, 'data/prices.json entries');
} catch (error) {
  fail(error.message);
}
const lookup = createPriceTable(entries, { asOf: '9999-12-31' });
for (const [index, entry] of entries.entries()) {
  const name = `entries[${index}] (${entry.provider}/${entry.model}@${entry.version})`;
  if (typeof entry.source !== 'string' || !/^https:\/\//.test(entry.source))
    fail(`${name}: source must start with the pricing page URL`);
  if (entry.cachedInput !== undefined && entry.cachedInput > entry.input)
    fail(`${name}: cachedInput is above input`);
  const found = lookup.lookup(entry.model, entry.provider);
  if (!found || found.provider !== entry.provider || found.model !== entry.model)
    fail(`${name}: cannot be looked up by its own name`);
}

const providers = [...new Set(entries.map((entry) => entry.provider))].sort();
if (failures > 0) {
  console.error(`\nprices:check failed: ${failures} problem(s) in ${file}`);
  process.exit(1);
}
console.log(
  `prices:check ok: ${entries.length} entries, providers ${providers.join(', ')}, updated ${table.updated}`,
);
