import { TaplineConfigError } from '../config/config-error';
import type { ResolvedConfig } from '../config/resolve-config';
import { readTextFileSync } from '../runtime/node-builtin';
import { createPriceTable, type PriceTable } from './create-price-table';
import type { PriceEntry } from './price-entry';
import { shippedPrices } from './shipped-prices';
import { validatePriceTable } from './validate-price-table';

/** Reads a JSON price file: `{ entries: [...] }` (the shipped format) or a bare array of entries. */
export function loadPricesFile(path: string): unknown {
  let text: string;
  try {
    text = readTextFileSync(path);
  } catch (error) {
    throw new TaplineConfigError(
      'pricesFile',
      `a readable JSON price file (${(error as Error).message})`,
      path,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TaplineConfigError('pricesFile', `valid JSON (${(error as Error).message})`, path);
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object' && 'entries' in parsed)
    return (parsed as { entries: unknown }).entries;
  throw new TaplineConfigError(
    'pricesFile',
    'a JSON array of price entries or an object with "entries"',
    path,
  );
}

/**
 * The merged price table for a telemetry instance, built once: the shipped entries, then `pricesFile`, then
 * `prices` from config — each validated on its own (errors name the entry, e.g. `prices[2] (openai/gpt-4o@…)`),
 * later sources replacing entries with the same provider, model and version. Aliases from `modelAliases`.
 */
export function buildPriceTable(
  config: Pick<ResolvedConfig, 'prices' | 'pricesFile' | 'modelAliases'>,
): PriceTable {
  const entries: PriceEntry[] = [...validatePriceTable(shippedPrices(), 'shipped prices')];
  if (config.pricesFile !== undefined) {
    entries.push(...validatePriceTable(loadPricesFile(config.pricesFile), `pricesFile ${config.pricesFile}`));
  }
  entries.push(...validatePriceTable(config.prices, 'prices'));
  return createPriceTable(entries, { aliases: config.modelAliases });
}
