import { classAt, DOMAIN, LOCAL, WORD } from './char-table';
import type { Finding } from './scan-result';

/** File-name suffixes that look like a top-level domain in `icon@2x.png`. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'tiff', 'avif']);

/**
 * An email address around the `@` at index `at`, or undefined. Looks back at most 64 characters (not before
 * `floor`) and forward at most 253; neither look crosses another `@`, so a text is read a bounded number of times.
 */
export function detectEmail(text: string, at: number, floor: number, end: number): Finding | undefined {
  let start = at;
  const min = Math.max(floor, at - 64);
  while (start > min && classAt(text, start - 1) & LOCAL) start--;
  while (start < at && text.charCodeAt(start) === 46) start++;
  if (start === at || text.charCodeAt(at - 1) === 46) return undefined;
  if (start > 0 && start === min && classAt(text, start - 1) & WORD) return undefined;

  const max = Math.min(end, at + 254);
  let labelStart = at + 1;
  let labels = 0;
  let found = -1;
  for (let p = at + 1; p <= max; p++) {
    const inDomain = p < max && (classAt(text, p) & DOMAIN) !== 0 && text.charCodeAt(p) !== 46;
    if (inDomain) continue;
    const length = p - labelStart;
    if (length < 1 || length > 63) break;
    if (text.charCodeAt(labelStart) === 45 || text.charCodeAt(p - 1) === 45) break;
    labels++;
    if (labels >= 2 && isTopLevelDomain(text, labelStart, p)) found = p;
    if (p >= max || text.charCodeAt(p) !== 46) break;
    labelStart = p + 1;
  }
  if (found < 0) return undefined;
  if (found < text.length && classAt(text, found) & WORD) return undefined;
  return { category: 'email', start, end: found, placeholder: '[EMAIL]' };
}

function isTopLevelDomain(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 24) return false;
  for (let p = start; p < end; p++) {
    const code = text.charCodeAt(p) | 32;
    if (code < 97 || code > 122) return false;
  }
  return !FILE_EXTENSIONS.has(text.slice(start, end).toLowerCase());
}
