import type { SpanCost, SpanUsage } from '../span/span-record';
import type { PriceEntry } from './price-entry';

/** Normalized usage to price: `input` includes cached reads and cache writes, `output` includes reasoning. */
export type CostUsage = Omit<SpanUsage, 'source'> & { source?: SpanUsage['source'] };

const PER_TOKEN = 1 / 1_000_000;

// Dollar amounts are rounded to 1e-12 so that 0.1 + 0.2 style noise does not reach exports.
function usd(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

function tokens(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Prices normalized usage with one entry. Input: (input − cachedInput − cacheWrite) at the input rate,
 * cachedInput at the cached rate, cacheWrite at the cache-write rate (either at the input rate when the entry
 * has none). Output: at the output rate, except that reasoning tokens are priced at the reasoning rate when the
 * entry has one — `cost.reasoning` is then their part and `cost.output` the rest. Parts are clamped so that
 * inconsistent usage (cached > input) is never priced twice or negative.
 */
export function priceUsage(usage: CostUsage, entry: PriceEntry): SpanCost {
  const input = tokens(usage.input);
  const cached = Math.min(tokens(usage.cachedInput), input);
  const written = Math.min(tokens(usage.cacheWrite), input - cached);
  const output = tokens(usage.output);
  const reasoning = entry.reasoning === undefined ? 0 : Math.min(tokens(usage.reasoning), output);

  const cost: SpanCost = {
    currency: 'USD',
    input: usd((input - cached - written) * entry.input * PER_TOKEN),
    output: usd((output - reasoning) * entry.output * PER_TOKEN),
    total: 0,
    priceVersion: `${entry.provider}/${entry.model}@${entry.version}`,
  };
  if (cached > 0) cost.cachedInput = usd(cached * (entry.cachedInput ?? entry.input) * PER_TOKEN);
  if (written > 0) cost.cacheWrite = usd(written * (entry.cacheWrite ?? entry.input) * PER_TOKEN);
  if (reasoning > 0) cost.reasoning = usd(reasoning * (entry.reasoning ?? entry.output) * PER_TOKEN);
  cost.total = usd(
    cost.input + cost.output + (cost.cachedInput ?? 0) + (cost.cacheWrite ?? 0) + (cost.reasoning ?? 0),
  );
  return cost;
}
