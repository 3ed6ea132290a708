import { classAt, isDigitCode, WORD } from './char-table';
import type { Finding } from './scan-result';

/**
 * An international number written with a leading `+` at index `at`: `+44 20 7946 0958`, `+1 (415) 555-2671`,
 * `+14155552671`, `+81-3-1234-5678`. 8 to 15 digits (E.164), single separators, reads at most 24 characters.
 */
export function detectInternationalPhone(text: string, at: number, end: number): Finding | undefined {
  const first = text.charCodeAt(at + 1);
  if (!isDigitCode(first) || first === 48) return undefined;
  if (at > 0 && classAt(text, at - 1) & WORD) return undefined;
  const max = Math.min(end, at + 25);
  let digits = 0;
  let last = at;
  let open = false;
  let previousSeparator = false;
  let p = at + 1;
  for (; p < max; p++) {
    const code = text.charCodeAt(p);
    if (isDigitCode(code)) {
      digits++;
      last = p;
      previousSeparator = false;
      continue;
    }
    if (code === 40 /* ( */ && !open) {
      open = true;
      previousSeparator = false;
      continue;
    }
    if (code === 41 /* ) */ && open) {
      open = false;
      previousSeparator = false;
      continue;
    }
    if ((code === 32 || code === 45 || code === 46) && !previousSeparator) {
      previousSeparator = true;
      continue;
    }
    break;
  }
  if (digits < 8 || digits > 15) return undefined;
  const after = last + 1;
  if (
    after < text.length &&
    (classAt(text, after) & WORD || (p === max && isDigitCode(text.charCodeAt(p))))
  ) {
    return undefined;
  }
  return { category: 'phone', start: at, end: after, placeholder: '[PHONE]' };
}

/** A US number with the area code in parentheses at index `at`: `(415) 555-2671`, `(415)555.2671`. */
export function detectParenthesizedPhone(text: string, at: number, end: number): Finding | undefined {
  if (end - at < 13) return undefined;
  let p = at + 1;
  if (text.charCodeAt(p) < 50 || !digitsAt(text, p, 3) || text.charCodeAt(p + 3) !== 41) return undefined;
  p += 4;
  if (text.charCodeAt(p) === 32) p++;
  if (!digitsAt(text, p, 3)) return undefined;
  p += 3;
  const sep = text.charCodeAt(p);
  if (sep === 45 || sep === 46 || sep === 32) p++;
  if (!digitsAt(text, p, 4) || p + 4 > end) return undefined;
  p += 4;
  if (p < text.length && classAt(text, p) & WORD) return undefined;
  return { category: 'phone', start: at, end: p, placeholder: '[PHONE]' };
}

function digitsAt(text: string, start: number, count: number): boolean {
  for (let p = start; p < start + count; p++) if (!isDigitCode(text.charCodeAt(p))) return false;
  return true;
}
