import type { Scanner } from './create-scanner';
import type { Finding, ScanOptions, ScanResult } from './scan-result';
import { scanText } from './scan-text';

/** Appended to text that was cut at the scan limit. */
export const TRUNCATION_MARKER = '…[TRUNCATED]';

/**
 * Replaces each finding in `text` with its placeholder (`[EMAIL]`, `[CARD]` …). Findings must be sorted by
 * start; one that overlaps an earlier one is merged into it. `keep` selects which findings to replace.
 * Text from `limit` on is cut and replaced by the truncation marker.
 */
export function applyRedactions(
  text: string,
  findings: readonly Finding[],
  keep: (finding: Finding) => boolean = () => true,
  limit = text.length,
): string {
  let out = '';
  let position = 0;
  for (const finding of findings) {
    if (!keep(finding)) continue;
    if (finding.end <= position) continue;
    if (finding.start >= position) out += text.slice(position, finding.start) + finding.placeholder;
    position = finding.end;
  }
  if (position < limit) out += text.slice(position, limit);
  return limit < text.length ? out + TRUNCATION_MARKER : out;
}

export interface RedactOptions extends ScanOptions {
  /** A scanner built with `createScanner` (for user patterns); defaults to the built-in detectors. */
  scanner?: Scanner;
  /** `all` (default) replaces every finding; `secrets` only credentials, leaving other personal data. */
  only?: 'all' | 'secrets';
}

export interface RedactedText {
  /** The text with findings replaced by placeholders, cut at the scan limit (with `…[TRUNCATED]`). */
  text: string;
  scan: ScanResult;
}

const isSecret = (finding: Finding) => finding.category === 'secret';

/**
 * Scans and redacts a text. If the scan fails unexpectedly the text is withheld entirely (`[REDACTED]`), so a
 * failure can never let personal data through. Never throws.
 */
export function redactText(text: string, options: RedactOptions = {}): RedactedText {
  const scan = options.scanner ? options.scanner.scan(text) : scanText(text, options);
  if (scan.failed || typeof text !== 'string') return { text: '[REDACTED]', scan };
  const keep = options.only === 'secrets' ? isSecret : undefined;
  return { text: applyRedactions(text, scan.findings, keep, scan.scannedLength), scan };
}
