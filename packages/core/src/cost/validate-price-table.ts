import { TaplineConfigError } from '../config/config-error';
import { normalizeProvider } from './normalize-model-name';
import type { PriceEntry } from './price-entry';

const PRICE_KEYS = ['input', 'output', 'cachedInput', 'cacheWrite', 'reasoning'] as const;
const KNOWN_KEYS = new Set<string>(['provider', 'model', 'version', 'source', ...PRICE_KEYS]);
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function label(value: Record<string, unknown>): string {
  const part = (key: string) => (typeof value[key] === 'string' && value[key] ? value[key] : '?');
  return `${part('provider')}/${part('model')}@${part('version')}`;
}

/**
 * Checks a list of price entries and returns them normalized (provider ids via `normalizeProvider`, model ids
 * lower-cased). Throws `TaplineConfigError` naming the first bad entry — its index in `source` and its
 * `provider/model@version` — and the field: provider, model and version (`YYYY-MM-DD`) are required, prices are
 * finite numbers >= 0 (input and output required), unknown keys are refused (typos such as `cached_input`),
 * and no two entries share (provider, model, version).
 */
export function validatePriceTable(entries: unknown, source = 'prices'): PriceEntry[] {
  if (!Array.isArray(entries)) throw new TaplineConfigError(source, 'an array of price entries', entries);
  const seen = new Map<string, number>();
  const valid: PriceEntry[] = [];
  entries.forEach((value: unknown, index) => {
    const at = `${source}[${index}]`;
    if (!isObject(value))
      throw new TaplineConfigError(at, 'a price entry { provider, model, version, input, output }', value);
    const name = `${at} (${label(value)})`;
    for (const key of Object.keys(value)) {
      if (!KNOWN_KEYS.has(key)) {
        throw new TaplineConfigError(
          `${name}.${key}`,
          `absent: entries accept ${[...KNOWN_KEYS].join(', ')}`,
          value[key],
        );
      }
    }
    for (const key of ['provider', 'model'] as const) {
      if (typeof value[key] !== 'string' || (value[key] as string).trim() === '') {
        throw new TaplineConfigError(`${name}.${key}`, 'a non-empty string', value[key]);
      }
    }
    if (typeof value.version !== 'string' || !DATE.test(value.version)) {
      throw new TaplineConfigError(`${name}.version`, 'the effective date as "YYYY-MM-DD"', value.version);
    }
    if (value.source !== undefined && typeof value.source !== 'string') {
      throw new TaplineConfigError(`${name}.source`, 'a string', value.source);
    }
    for (const key of PRICE_KEYS) {
      const price = value[key];
      const required = key === 'input' || key === 'output';
      if (price === undefined && !required) continue;
      if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
        throw new TaplineConfigError(`${name}.${key}`, 'a price in USD per 1M tokens (a number >= 0)', price);
      }
    }
    const entry = {
      ...value,
      provider: normalizeProvider(value.provider as string)!,
      model: (value.model as string).trim().toLowerCase(),
    } as PriceEntry;
    const key = `${entry.provider}/${entry.model}@${entry.version}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new TaplineConfigError(
        name,
        `unique: ${source}[${earlier}] has the same provider, model and version`,
        key,
      );
    }
    seen.set(key, index);
    valid.push(entry);
  });
  return valid;
}
