import type { UsageInput } from '../span/span-data';
import type { UsageSource } from '../span/span-record';

const CERTAINTY: Record<UsageSource, number> = { provider: 2, tokenizer: 1, estimate: 0 };

/** The less certain of two usage sources (estimate < tokenizer < provider): what a mix of both may claim. */
export function leastCertainSource(a: UsageSource, b: UsageSource): UsageSource {
  return CERTAINTY[a] <= CERTAINTY[b] ? a : b;
}

/** Adds two usages part by part (e.g. several generations in one run); the source is the less certain one. */
export function addUsage(a: UsageInput, b: UsageInput): UsageInput {
  const sum: UsageInput = { source: leastCertainSource(a.source ?? 'provider', b.source ?? 'provider') };
  for (const key of ['input', 'output', 'total', 'cachedInput', 'cacheWrite', 'reasoning'] as const) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined || y !== undefined) sum[key] = (x ?? 0) + (y ?? 0);
  }
  return sum;
}
