export { buildPriceTable, loadPricesFile } from './build-price-table';
export { createCostStage } from './create-cost-stage';
export { createPriceTable, type PriceTable, type PriceTableOptions } from './create-price-table';
export { estimateCost } from './estimate-cost';
export { type AnthropicUsageLike, normalizeAnthropicUsage } from './normalize-anthropic-usage';
export { type GeminiUsageLike, normalizeGeminiUsage } from './normalize-gemini-usage';
export {
  compileAliases,
  type ModelAliases,
  modelNameCandidates,
  type NormalizedModel,
  normalizeModelName,
  normalizeProvider,
} from './normalize-model-name';
export { normalizeOpenAIUsage, type OpenAIUsageLike } from './normalize-openai-usage';
export type { PriceEntry } from './price-entry';
export { type CostUsage, priceUsage } from './price-usage';
export {
  type PriceTableFile,
  SHIPPED_PRICES_UPDATED,
  shippedPrices,
  shippedPriceTable,
} from './shipped-prices';
export { validatePriceTable } from './validate-price-table';
