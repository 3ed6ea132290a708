/** One row of the price table. Prices are US dollars per 1,000,000 tokens. */
export interface PriceEntry {
  provider: string;
  model: string;
  /** Effective date of these prices, `YYYY-MM-DD`; with provider and model it identifies the entry. */
  version: string;
  input: number;
  output: number;
  /** Cached input (cache read). */
  cachedInput?: number;
  /** Writing to the prompt cache (Anthropic, Google explicit caching). */
  cacheWrite?: number;
  /** Reasoning tokens, where priced apart from output. */
  reasoning?: number;
  /** Where the figures come from. */
  source?: string;
}
