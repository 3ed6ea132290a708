import { createScanner, DEFAULT_MAX_SCAN_LENGTH, type Scanner } from './create-scanner';
import type { ScanOptions, ScanResult } from './scan-result';

const scanners = new Map<number, Scanner>();

function scannerFor(maxLength: number): Scanner {
  let scanner = scanners.get(maxLength);
  if (!scanner) {
    if (scanners.size >= 8) scanners.clear();
    scanner = createScanner({ maxLength });
    scanners.set(maxLength, scanner);
  }
  return scanner;
}

/**
 * Scans a text for personal data, secrets and signs of prompt injection with the built-in detectors. Returns
 * each finding's category and position, and whether an injection is suspected. Linear in the text, caps the
 * length it scans (`maxLength`, default 65,536 characters; `truncated` says when it did) and never throws.
 * For user patterns, build a scanner once with `createScanner({ patterns: compilePatterns(definitions) })`.
 */
export function scanText(text: string, options?: ScanOptions): ScanResult {
  const requested = options?.maxLength;
  const maxLength =
    typeof requested === 'number' && requested >= 0 ? Math.floor(requested) : DEFAULT_MAX_SCAN_LENGTH;
  return scannerFor(maxLength).scan(text);
}
