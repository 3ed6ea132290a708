import { TaplineConfigError } from '../config/config-error';
import { readTextFileSync } from '../runtime/node-builtin';
import { requireSync } from '../runtime/require-sync';
import type { PatternDefinition } from './pattern-definition';

/**
 * Parses a patterns document: JSON or YAML, either a list of `{ name, regex, type, flags?, placeholder? }` or an
 * object with such a list under `patterns`. Shape errors throw `TaplineConfigError` naming `source`; the
 * patterns themselves are checked by `compilePatterns`.
 */
export function parsePatterns(
  text: string,
  format: 'json' | 'yaml',
  source = 'patternsFile',
): PatternDefinition[] {
  let document: unknown;
  // The YAML parser loads on first use, so that importing core does not pay for it.
  const yaml = format === 'yaml' ? requireSync<{ parse(text: string): unknown }>('yaml') : undefined;
  if (format === 'yaml' && !yaml) {
    throw new TaplineConfigError(
      source,
      'JSON on this runtime (YAML needs the "yaml" package, loadable on Node, Bun or Deno)',
    );
  }
  try {
    document = format === 'json' ? JSON.parse(text) : yaml!.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TaplineConfigError(source, `valid ${format.toUpperCase()} (${reason})`);
  }
  if (document === null || document === undefined) return [];
  const list =
    typeof document === 'object' && !Array.isArray(document)
      ? (document as { patterns?: unknown }).patterns
      : document;
  if (!Array.isArray(list))
    throw new TaplineConfigError(source, 'a list of patterns, or { patterns: [...] }', document);
  return list as PatternDefinition[];
}

/** Reads and parses a patterns file; `.json` is parsed as JSON, anything else as YAML (a superset of JSON). */
export function loadPatterns(path: string): PatternDefinition[] {
  let text: string;
  try {
    text = readTextFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TaplineConfigError('patternsFile', `a readable file (${reason})`, path);
  }
  return parsePatterns(text, /\.json$/i.test(path) ? 'json' : 'yaml', `patternsFile (${path})`);
}
