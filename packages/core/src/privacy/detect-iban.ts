import { classAt, DIGIT, UPPER, WORD } from './char-table';
import { ibanLength, isIbanChecksumValid } from './iban';
import type { Finding } from './scan-result';

/**
 * An IBAN starting at index `at`: two capital letters of a registered country, two check digits, then the
 * account part, compact or in groups separated by single spaces. The length must be the country's registered
 * length and the mod-97 checksum must hold. Reads at most about 45 characters.
 */
export function detectIban(text: string, at: number, end: number): Finding | undefined {
  if (
    !(classAt(text, at + 1) & UPPER) ||
    !(classAt(text, at + 2) & DIGIT) ||
    !(classAt(text, at + 3) & DIGIT)
  ) {
    return undefined;
  }
  const expected = ibanLength(text.slice(at, at + 2));
  if (expected === undefined) return undefined;
  let compact = '';
  let p = at;
  while (p < end && compact.length < expected) {
    const flags = classAt(text, p);
    if (flags & (UPPER | DIGIT)) {
      compact += text[p];
      p++;
    } else if (
      text.charCodeAt(p) === 32 &&
      classAt(text, p + 1) & (UPPER | DIGIT) &&
      compact.length % 4 === 0
    ) {
      p++;
    } else {
      break;
    }
  }
  if (compact.length !== expected || (p < text.length && classAt(text, p) & WORD)) return undefined;
  return isIbanChecksumValid(compact)
    ? { category: 'iban', start: at, end: p, placeholder: '[IBAN]' }
    : undefined;
}
