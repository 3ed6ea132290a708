import { classAt, isDigitCode, WORD } from './char-table';
import { isLuhnValid } from './luhn';
import type { Finding } from './scan-result';

const SPACE = 32;
const DASH = 45;
const DOT = 46;
/** A digit group longer than this is not part of any category (and stops the run). */
const MAX_GROUP = 19;

/** Digit groups of one numeric run, e.g. `4111 1111 1111 1111` or `192.168.0.1`; reused between calls. */
const starts: number[] = [];
const ends: number[] = [];
/** The separator before each group (0 for the first). */
const seps: number[] = [];

/**
 * Reads the run of digit groups joined by single spaces, dashes or dots that starts at `start`, pushes every
 * payment card, US SSN, IPv4 address and US phone number found in it, and returns where the run ends. Each group
 * is examined against a bounded number of following groups, so the work is linear in the run.
 */
export function detectNumbers(text: string, start: number, end: number, out: Finding[]): number {
  let count = 0;
  let p = start;
  for (;;) {
    const groupStart = p;
    while (p < end && isDigitCode(text.charCodeAt(p))) p++;
    if (p - groupStart > MAX_GROUP) {
      while (p < end && isDigitCode(text.charCodeAt(p))) p++;
      return p;
    }
    starts[count] = groupStart;
    ends[count] = p;
    seps[count] = count === 0 ? 0 : text.charCodeAt(groupStart - 1);
    count++;
    if (p + 1 >= end) break;
    const sep = text.charCodeAt(p);
    if ((sep === SPACE || sep === DASH || sep === DOT) && isDigitCode(text.charCodeAt(p + 1))) p++;
    else break;
  }
  const runEnd = p;
  // A run glued to a following letter (`123-45-6789abc`) cannot end a finding.
  const lastUsable = runEnd < text.length && classAt(text, runEnd) & WORD ? count - 1 : count;

  let j = 0;
  while (j < count) {
    const taken =
      ssnAt(text, j, count, lastUsable, out) ||
      cardAt(text, j, lastUsable, out) ||
      ipv4At(text, j, count, lastUsable, out) ||
      usPhoneAt(text, j, count, lastUsable, out);
    j += taken || 1;
  }
  return runEnd;
}

function length(group: number): number {
  return ends[group]! - starts[group]!;
}

/** True when groups [j, j + n) are a whole segment: not joined to a neighbour by the same separator. */
function isolated(j: number, n: number, count: number, sep: number): boolean {
  if (j > 0 && seps[j] === sep) return false;
  if (j + n < count && seps[j + n] === sep) return false;
  for (let g = j + 1; g < j + n; g++) if (seps[g] !== sep) return false;
  return true;
}

function push(
  out: Finding[],
  category: Finding['category'],
  j: number,
  n: number,
  placeholder: string,
): number {
  out.push({ category, start: starts[j]!, end: ends[j + n - 1]!, placeholder });
  return n;
}

function ssnAt(text: string, j: number, count: number, usable: number, out: Finding[]): number {
  if (j + 3 > usable || length(j) !== 3 || length(j + 1) !== 2 || length(j + 2) !== 4) return 0;
  const sep = seps[j + 1]!;
  if ((sep !== DASH && sep !== SPACE) || !isolated(j, 3, count, sep)) return 0;
  const area = text.slice(starts[j]!, ends[j]!);
  if (area === '000' || area === '666' || area[0] === '9') return 0;
  if (
    text.slice(starts[j + 1]!, ends[j + 1]!) === '00' ||
    text.slice(starts[j + 2]!, ends[j + 2]!) === '0000'
  )
    return 0;
  return push(out, 'ssn', j, 3, '[SSN]');
}

/** Group shapes payment cards are printed in, besides one unbroken run of 13-19 digits. */
function cardShape(lengths: number[]): boolean {
  const n = lengths.length;
  if (n === 3) return lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4);
  for (let g = 0; g < n - 1; g++) if (lengths[g] !== 4) return false;
  return lengths[n - 1]! >= 1 && lengths[n - 1]! <= 4;
}

/** Issuer prefixes and lengths of the major networks (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay). */
function issuerMatches(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  switch (digits[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '5':
      return two >= 51 && two <= 55 && n === 16;
    case '2':
      return four >= 2221 && four <= 2720 && n === 16;
    case '3':
      if (two === 34 || two === 37) return n === 15;
      if (two === 35) return n >= 16 && n <= 19;
      return (two === 30 || two === 36 || two === 38 || two === 39) && n >= 14 && n <= 19;
    case '6':
      return n >= 16 && n <= 19;
    default:
      return false;
  }
}

function cardAt(text: string, j: number, usable: number, out: Finding[]): number {
  // `1.4111…` is a decimal, not a card.
  if (j > 0 && seps[j] === DOT) return 0;
  let digits = '';
  const lengths: number[] = [];
  let best = 0;
  let bestDigits = '';
  const sep = seps[j + 1];
  for (let g = j; g < usable && g < j + 6; g++) {
    if (g > j && (seps[g] !== sep || (sep !== SPACE && sep !== DASH))) break;
    digits += text.slice(starts[g]!, ends[g]!);
    lengths.push(length(g));
    if (digits.length > 19) break;
    if (digits.length >= 13 && (lengths.length === 1 || cardShape(lengths))) {
      best = lengths.length;
      bestDigits = digits;
    }
  }
  if (best === 0 || !issuerMatches(bestDigits) || !isLuhnValid(bestDigits)) return 0;
  return push(out, 'card', j, best, '[CARD]');
}

function ipv4At(text: string, j: number, count: number, usable: number, out: Finding[]): number {
  if (j + 4 > usable || !isolated(j, 4, count, DOT)) return 0;
  for (let g = j; g < j + 4; g++) {
    const octet = text.slice(starts[g]!, ends[g]!);
    if (octet.length > 3 || (octet.length > 1 && octet[0] === '0') || Number(octet) > 255) return 0;
  }
  if (afterVersionWord(text, starts[j]!)) return 0;
  return push(out, 'ipv4', j, 4, '[IPV4]');
}

/** `version 1.2.3.4`, `v 1.2.3.4`, `section 3.1.2.4`, `§ 1.2.3.4`: a version or section number, not an address. */
function afterVersionWord(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 10), start).toLowerCase();
  return /(?:^|[^a-z])(?:version|ver\.?|v|section|sec\.?|figure|fig\.?|chapter|table|step|clause|§)\s?$/.test(
    before,
  );
}

/** US numbers with separators: `415-555-2671`, `415.555.2671`, `415 555 2671`, `1-800-555-0199`. */
function usPhoneAt(text: string, j: number, count: number, usable: number, out: Finding[]): number {
  let first = j;
  let n = 3;
  if (length(j) === 1 && text.charCodeAt(starts[j]!) === 49) {
    first = j + 1;
    n = 4;
  }
  if (j + n > usable) return 0;
  if (length(first) !== 3 || length(first + 1) !== 3 || length(first + 2) !== 4) return 0;
  const sep = seps[first + 1]!;
  if (!isolated(j, n, count, sep)) return 0;
  const area = text.charCodeAt(starts[first]!);
  if (area < 50) return 0; // area codes start with 2-9
  return push(out, 'phone', j, n, '[PHONE]');
}
