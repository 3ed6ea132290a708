import type { Scanner } from './create-scanner';
import { applyRedactions } from './redact-text';
import type { Finding } from './scan-result';

export interface ScrubOptions {
  scanner: Scanner;
  /** Keys whose values are identifiers, hashed wherever they appear. */
  identifierKeys: ReadonlySet<string>;
  /** The hash of an identifier: the value itself when computed synchronously, else a promise of it. */
  hash: (value: string) => string | Promise<string>;
  /** An exact credential value to remove wherever it appears. */
  credential?: string;
}

export interface ScrubbedMetadata {
  value: Record<string, unknown>;
  truncated: boolean;
}

const MAX_DEPTH = 8;
const MAX_NODES = 10_000;
const isSecret = (finding: Finding) => finding.category === 'secret';

/** Removes credential-looking substrings (and the exact credential, if known) from a string. */
export function scrubSecrets(text: string, scanner: Scanner, credential?: string): string {
  let out = text;
  if (credential && credential.length >= 8 && out.includes(credential))
    out = out.split(credential).join('[SECRET]');
  const scan = scanner.scan(out);
  if (scan.failed) return '[REDACTED]';
  if (!scan.findings.some(isSecret) && !scan.truncated) return out;
  return applyRedactions(out, scan.findings, isSecret, scan.scannedLength);
}

/**
 * A copy of span metadata that is safe to export: values under identifier keys replaced by their hash (at any
 * depth), credential-looking strings replaced by `[SECRET]` whatever the capture mode, errors reduced to name
 * and scrubbed message, dates to ISO strings. The user's object is never modified. Bounded in depth and size;
 * what is cut is reported as `truncated`. Synchronous (no promise) when every hash was computed synchronously.
 */
export function scrubMetadata(
  metadata: Record<string, unknown>,
  options: ScrubOptions,
): ScrubbedMetadata | Promise<ScrubbedMetadata> {
  const { scanner, identifierKeys, hash, credential } = options;
  const pending: Promise<void>[] = [];
  const seen = new Set<object>();
  let nodes = 0;
  let truncated = false;

  const identifier = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      const digest = hash(String(value));
      if (typeof digest === 'string') target[key] = digest;
      else
        pending.push(
          digest.then((result) => {
            target[key] = result;
          }),
        );
    } else if (value !== undefined && value !== null) {
      // Objects under an identifier key cannot be joined on; they are left out rather than exported raw.
      truncated = true;
    }
  };

  const walk = (value: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES) {
      truncated = true;
      return undefined;
    }
    if (typeof value === 'string') return scrubSecrets(value, scanner, credential);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) {
      truncated = true;
      return '[Object]';
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
    seen.add(value);
    try {
      if (value instanceof Error) {
        return { name: value.name, message: scrubSecrets(String(value.message), scanner, credential) };
      }
      if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        let item: unknown;
        try {
          item = (value as Record<string, unknown>)[key];
        } catch {
          out[key] = '[Unreadable]';
          continue;
        }
        if (identifierKeys.has(key)) identifier(out, key, item);
        else out[key] = walk(item, depth + 1);
      }
      return out;
    } finally {
      seen.delete(value);
    }
  };

  const value = (walk(metadata, 0) ?? {}) as Record<string, unknown>;
  if (pending.length === 0) return { value, truncated };
  return Promise.all(pending).then(() => ({ value, truncated }));
}
