import type { SpanCost } from '../span/span-record';
import type { PriceTable } from './create-price-table';
import { type CostUsage, priceUsage } from './price-usage';
import { shippedPriceTable } from './shipped-prices';

/**
 * The cost in USD of normalized usage (`input` includes cached reads and cache writes; `output` includes
 * reasoning — convert provider numbers with `normalizeOpenAIUsage` / `normalizeAnthropicUsage` /
 * `normalizeGeminiUsage` first), each part and the total, with the price entry's `provider/model@version`.
 * Undefined — not 0 — when the model is not in the table. Uses the shipped table unless one is given.
 */
export function estimateCost(
  usage: CostUsage,
  model: string,
  provider?: string,
  table: PriceTable = shippedPriceTable(),
): SpanCost | undefined {
  const entry = table.lookup(model, provider);
  return entry ? priceUsage(usage, entry) : undefined;
}
