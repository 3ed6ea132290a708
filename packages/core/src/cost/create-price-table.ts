import {
  compileAliases,
  modelNameCandidates,
  normalizeModelName,
  normalizeProvider,
} from './normalize-model-name';
import type { PriceEntry } from './price-entry';

/** Validated price entries indexed for lookup; built once, looked up per span. */
export interface PriceTable {
  readonly entries: readonly PriceEntry[];
  /**
   * The entry for a model as spans name it (`gpt-4o-2024-08-06`, `openai/gpt-4o`, an alias), or undefined.
   * `provider` (the span's, e.g. `openai`, `azure`, `anthropic.messages`) picks between providers that list
   * the same model id; when it matches none, a model listed by a single provider still resolves.
   */
  lookup(model: string, provider?: string): PriceEntry | undefined;
}

export interface PriceTableOptions {
  /** Your model names → known model names, e.g. Azure deployment names: `{ 'prod-chat': 'gpt-4o' }`. */
  aliases?: Record<string, string>;
  /** The date entries must have taken effect by (`YYYY-MM-DD`); defaults to today (UTC). */
  asOf?: string;
}

const MAX_CACHED_LOOKUPS = 1000;

function pickVersion(entries: readonly PriceEntry[], asOf: string): PriceEntry {
  let best: PriceEntry | undefined;
  for (const entry of entries) {
    if (entry.version <= asOf && (!best || entry.version > best.version)) best = entry;
  }
  // every entry takes effect in the future: use the earliest
  return best ?? [...entries].sort((a, b) => a.version.localeCompare(b.version))[0]!;
}

/**
 * Builds a price table from validated entries (see `validatePriceTable`; later entries with the same provider,
 * model and version replace earlier ones, which is how overrides work). Of several versions of one model, the
 * latest that has taken effect is used.
 */
export function createPriceTable(
  entries: readonly PriceEntry[],
  options: PriceTableOptions = {},
): PriceTable {
  const aliases = compileAliases(options.aliases);
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const unique = new Map<string, PriceEntry>();
  for (const entry of entries) {
    const provider = normalizeProvider(entry.provider) ?? entry.provider;
    const model = entry.model.toLowerCase();
    unique.set(`${provider}/${model}@${entry.version}`, { ...entry, provider, model });
  }
  const byModel = new Map<string, PriceEntry[]>();
  for (const entry of unique.values()) {
    const list = byModel.get(entry.model);
    if (list) list.push(entry);
    else byModel.set(entry.model, [entry]);
  }
  const cache = new Map<string, PriceEntry | null>();

  function resolve(model: string, provider: string | undefined): PriceEntry | undefined {
    const normalized = normalizeModelName(model, aliases);
    const wanted = new Set([normalized.provider, normalizeProvider(provider)].filter((p) => p !== undefined));
    for (const candidate of modelNameCandidates(normalized.model)) {
      const listed = byModel.get(candidate);
      if (!listed) continue;
      let matching = listed.filter((entry) => wanted.has(entry.provider));
      if (matching.length === 0 && listed.every((entry) => entry.provider === listed[0]!.provider))
        matching = listed;
      if (matching.length > 0) return pickVersion(matching, asOf);
    }
    return undefined;
  }

  return {
    entries: [...unique.values()],
    lookup(model, provider) {
      const key = `${provider ?? ''}\u0000${model}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const entry = resolve(model, provider);
      if (cache.size < MAX_CACHED_LOOKUPS) cache.set(key, entry ?? null);
      return entry;
    },
  };
}
