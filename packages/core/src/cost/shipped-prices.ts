import table from '../../data/prices.json';
import { createPriceTable, type PriceTable } from './create-price-table';
import type { PriceEntry } from './price-entry';

/** The shape of a price file: `data/prices.json`, and what `pricesFile` may contain (or a bare entry array). */
export interface PriceTableFile {
  schemaVersion?: number;
  /** When the file was last reviewed, `YYYY-MM-DD`. */
  updated?: string;
  entries: PriceEntry[];
}

const shipped = table as PriceTableFile;

/** When the shipped price table was last reviewed (`YYYY-MM-DD`). */
export const SHIPPED_PRICES_UPDATED: string = shipped.updated ?? 'unknown';

/** The price entries that ship with core (`data/prices.json`). Validated by `npm run prices:check` and tests. */
export function shippedPrices(): readonly PriceEntry[] {
  return shipped.entries;
}

let shippedTable: PriceTable | undefined;

/** The shipped entries as a price table, built on first use. */
export function shippedPriceTable(): PriceTable {
  shippedTable ??= createPriceTable(shipped.entries);
  return shippedTable;
}
