import type { MetadataValue } from './span-record';

export interface MetadataLimits {
  maxDepth: number;
  maxKeys: number;
  maxArrayLength: number;
  maxStringLength: number;
  /** Approximate budget for the whole object, in characters of JSON. */
  maxTotalLength: number;
}

export const DEFAULT_METADATA_LIMITS: MetadataLimits = {
  maxDepth: 5,
  maxKeys: 64,
  maxArrayLength: 64,
  maxStringLength: 1024,
  maxTotalLength: 16_384,
};

export interface SanitizedMetadata {
  value: Record<string, MetadataValue>;
  truncated: boolean;
}

/**
 * Turns whatever the user attached as metadata into bounded, JSON-safe data: circular references become
 * `"[Circular]"`, BigInt a decimal string, functions and symbols are dropped, long strings, arrays and objects are
 * cut (and `truncated` says so), errors become `{ name, message }`, dates ISO strings. Never throws.
 */
export function sanitizeMetadata(
  input: Record<string, unknown>,
  limits: MetadataLimits = DEFAULT_METADATA_LIMITS,
): SanitizedMetadata {
  let truncated = false;
  let budget = limits.maxTotalLength;
  const seen = new Set<object>();

  const text = (value: string): string => {
    let out = value;
    if (out.length > limits.maxStringLength) {
      out = `${out.slice(0, limits.maxStringLength)}…`;
      truncated = true;
    }
    if (out.length > budget) {
      out = budget > 0 ? `${out.slice(0, budget)}…` : '';
      truncated = true;
    }
    budget -= out.length + 2;
    return out;
  };

  const walk = (value: unknown, depth: number): MetadataValue | undefined => {
    if (budget <= 0) {
      truncated = true;
      return undefined;
    }
    switch (typeof value) {
      case 'string':
        return text(value);
      case 'number':
        budget -= 8;
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        budget -= 5;
        return value;
      case 'bigint':
        return text(value.toString());
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (value === null) return null;
    const object = value as object;
    if (seen.has(object)) return '[Circular]';
    if (depth >= limits.maxDepth) {
      truncated = true;
      return '[Object]';
    }
    seen.add(object);
    try {
      if (object instanceof Date)
        return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
      if (object instanceof Error) return { name: text(object.name), message: text(object.message) };
      if (Array.isArray(object)) {
        const out: MetadataValue[] = [];
        const length = Math.min(object.length, limits.maxArrayLength);
        if (object.length > length) truncated = true;
        for (let i = 0; i < length; i++) {
          const item = walk(object[i], depth + 1);
          out.push(item === undefined ? null : item);
        }
        return out;
      }
      const out: Record<string, MetadataValue> = {};
      let keys = 0;
      for (const key of Object.keys(object)) {
        if (keys >= limits.maxKeys) {
          truncated = true;
          break;
        }
        let item: MetadataValue | undefined;
        try {
          item = walk((object as Record<string, unknown>)[key], depth + 1);
        } catch {
          item = '[Unreadable]';
        }
        if (item === undefined) continue;
        out[text(key)] = item;
        keys++;
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };

  try {
    const value = walk(input, 0);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value, truncated };
    return { value: {}, truncated: true };
  } catch {
    return { value: {}, truncated: true };
  }
}
