import type { CompiledPattern } from './compile-patterns';
import { builtInInjectionMatcher } from './injection-matcher';
import { scanBuiltIn } from './scan-built-in';
import type { Finding, ScanResult } from './scan-result';

export const DEFAULT_MAX_SCAN_LENGTH = 65_536;

export interface ScannerOptions {
  /** Characters scanned at most per text (default 65,536). */
  maxLength?: number;
  /** User patterns, compiled with `compilePatterns`. */
  patterns?: readonly CompiledPattern[];
}

export interface Scanner {
  readonly maxLength: number;
  scan(text: string): ScanResult;
}

function runUserPatterns(
  text: string,
  patterns: readonly CompiledPattern[],
  findings: Finding[],
  rules: string[],
): void {
  for (const pattern of patterns) {
    const regex = pattern.regex;
    regex.lastIndex = 0;
    if (pattern.type === 'INJECTION') {
      if (regex.test(text)) rules.push(pattern.name);
      regex.lastIndex = 0;
      continue;
    }
    let match: RegExpExecArray | null = regex.exec(text);
    while (match !== null) {
      if (match[0].length === 0) regex.lastIndex++;
      else
        findings.push({
          category: pattern.name,
          start: match.index,
          end: match.index + match[0].length,
          placeholder: pattern.placeholder,
        });
      match = regex.exec(text);
    }
    regex.lastIndex = 0;
  }
}

function emptyResult(scannedLength: number, truncated: boolean, failed: boolean): ScanResult {
  const result: ScanResult = {
    findings: [],
    piiDetected: false,
    categories: [],
    injectionSuspected: false,
    injectionRules: [],
    truncated,
    scannedLength,
  };
  if (failed) result.failed = true;
  return result;
}

/**
 * Builds a scanner once (user patterns compiled, limits fixed). `scan` is linear in the scanned length: the
 * built-in detectors and the injection automaton run in one pass that reads each character a bounded number of
 * times; the phrase regex runs only when the automaton has seen a phrase. It never throws: on an unexpected failure it returns `failed: true`.
 */
export function createScanner(options: ScannerOptions = {}): Scanner {
  const maxLength = options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH;
  const patterns = options.patterns ?? [];
  const injection = builtInInjectionMatcher();
  return {
    maxLength,
    scan(text) {
      if (typeof text !== 'string') return emptyResult(0, false, false);
      const truncated = text.length > maxLength;
      const end = truncated ? maxLength : text.length;
      try {
        const scanned = truncated ? text.slice(0, end) : text;
        const findings: Finding[] = [];
        // The automaton says whether any phrase occurs; only then does the phrase regex name the rules.
        const injectionRules = scanBuiltIn(scanned, findings) ? injection.match(scanned) : [];
        if (patterns.length > 0) {
          runUserPatterns(scanned, patterns, findings, injectionRules);
          findings.sort((a, b) => a.start - b.start || b.end - a.end);
          injectionRules.sort();
        }
        const categories =
          findings.length === 0 ? [] : [...new Set(findings.map((finding) => finding.category))].sort();
        return {
          findings,
          piiDetected: findings.length > 0,
          categories,
          injectionSuspected: injectionRules.length > 0,
          injectionRules,
          truncated,
          scannedLength: end,
        };
      } catch {
        return emptyResult(end, truncated, true);
      }
    },
  };
}
