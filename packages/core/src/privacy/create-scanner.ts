import { CHAR_CLASS, classAt, TOKEN, WORD } from './char-table';
import type { CompiledPattern } from './compile-patterns';
import { detectEmail } from './detect-email';
import { detectIban } from './detect-iban';
import { detectIpv6 } from './detect-ipv6';
import { detectNumbers } from './detect-numbers';
import { detectInternationalPhone, detectParenthesizedPhone } from './detect-phone';
import { detectSecret, type SecretScanState } from './detect-secret';
import { builtInInjectionMatcher } from './injection-matcher';
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

/**
 * Where a detector may start: `@`, digits, `:`, `(`, `+`, `-`, `_`, `/` (these may sit inside a key's prefix:
 * `sk-`, `ghp_`, `hooks.slack.com/`), a capital followed by a capital (IBAN, `AKIA…`, `AIza…`,
 * `AWS_SECRET_ACCESS_KEY`), `Bearer ` and the `J` of `eyJ`. The regex engine skips everything else natively;
 * `test` on a global regex moves `lastIndex` without allocating a match. Every alternative is a single
 * character with a bounded look-around, so the search is linear.
 */
const TRIGGERS = /[@\d:(+\-_/]|[A-Z](?=[A-Z])|B(?=earer\s)|J(?<=eyJ)/g;

function atBoundary(text: string, index: number): boolean {
  if (index <= 0) return true;
  const code = text.charCodeAt(index - 1);
  return code >= 128 || (CHAR_CLASS[code]! & WORD) === 0;
}

/** Start of the token-like word that contains `index`, looking back at most `reach` characters, if at a boundary. */
function wordStart(text: string, index: number, reach: number, floor: number): number {
  let start = index;
  const min = Math.max(floor, index - reach);
  while (start > min && classAt(text, start - 1) & TOKEN) start--;
  return atBoundary(text, start) ? start : -1;
}

/** The built-in detectors over `text` (already cut at the scan limit), in one left-to-right pass. */
function scanBuiltIn(text: string, findings: Finding[]): void {
  const end = text.length;
  const state: SecretScanState = { jwtFailedUntil: -1, pemNoEndFrom: Number.POSITIVE_INFINITY };
  const triggers = TRIGGERS;
  let lastEnd = 0;
  triggers.lastIndex = 0;
  while (triggers.test(text)) {
    const i = triggers.lastIndex - 1;
    const code = text.charCodeAt(i);
    let found: Finding | undefined;
    if (code >= 48 && code <= 57) {
      if (!atBoundary(text, i)) continue;
      // Inside a numeric token whose start was not at a boundary (`v1.2.3`, `abc12-34`).
      const previous = text.charCodeAt(i - 1);
      if (i - 2 >= lastEnd && (previous === 46 || previous === 45 || previous === 44 || previous === 47)) {
        const beforePrevious = text.charCodeAt(i - 2);
        if (beforePrevious >= 48 && beforePrevious <= 57) continue;
      }
      const before = findings.length;
      const runEnd = detectNumbers(text, i, end, findings);
      if (findings.length > before) lastEnd = findings[findings.length - 1]!.end;
      // The character after the run is looked at next (a `:` may begin an IPv6 address).
      triggers.lastIndex = Math.max(runEnd, i + 1);
      continue;
    }
    switch (code) {
      case 64: // @
        found = detectEmail(text, i, lastEnd, end);
        break;
      case 58: // :
        found = detectIpv6(text, i, lastEnd, end);
        break;
      case 40: // (
        found = detectParenthesizedPhone(text, i, end);
        break;
      case 43: // +
        found = detectInternationalPhone(text, i, end);
        break;
      case 45: // -  (`-----BEGIN`, `sk-…`, `xoxb-…`)
        if (text.startsWith('-----BEGIN ', i)) {
          found = detectSecret(text, i, end, state);
        } else {
          const start = wordStart(text, i, 6, lastEnd);
          if (start >= 0 && start < i) found = detectSecret(text, start, end, state);
        }
        break;
      case 95: {
        // _  (`ghp_…`, `github_pat_…`, `aws_secret_access_key`)
        const start = wordStart(text, i, 6, lastEnd);
        if (start >= 0 && start < i) found = detectSecret(text, start, end, state);
        break;
      }
      case 47: // /  (`hooks.slack.com/services/…`)
        if (
          i >= 15 &&
          i - 15 >= lastEnd &&
          text.startsWith('hooks.slack.com/', i - 15) &&
          atBoundary(text, i - 15)
        ) {
          found = detectSecret(text, i - 15, end, state);
        }
        break;
      default: // A-Z
        if (
          code === 74 &&
          i >= 2 &&
          i - 2 >= lastEnd &&
          text.startsWith('eyJ', i - 2) &&
          atBoundary(text, i - 2)
        ) {
          found = detectSecret(text, i - 2, end, state);
        } else if (atBoundary(text, i)) {
          found = detectIban(text, i, end) ?? detectSecret(text, i, end, state);
        }
    }
    if (found && found.start >= lastEnd) {
      findings.push(found);
      lastEnd = found.end;
      triggers.lastIndex = Math.max(found.end, i + 1);
    }
  }
  triggers.lastIndex = 0;
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
 * built-in detectors run in one pass that reads each character a bounded number of times, the injection
 * phrases in one Aho-Corasick pass. It never throws: on an unexpected failure it returns `failed: true`.
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
        scanBuiltIn(scanned, findings);
        const injectionRules = injection.match(scanned);
        if (patterns.length > 0) {
          runUserPatterns(scanned, patterns, findings, injectionRules);
          findings.sort((a, b) => a.start - b.start || b.end - a.end);
          injectionRules.sort();
        }
        const categories = [...new Set(findings.map((finding) => finding.category))].sort();
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
