import { classAt, HEX, isDigitCode, WORD } from './char-table';
import type { Finding } from './scan-result';

const COLON = 58;
const DOT = 46;

function hexRun(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && p - start < 5 && classAt(text, p) & HEX) p++;
  return p - start;
}

/** Dotted-quad at `start` (for `::ffff:192.0.2.1`); returns its end or -1. */
function embeddedIpv4(text: string, start: number, end: number): number {
  let p = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (text.charCodeAt(p) !== DOT) return -1;
      p++;
    }
    const from = p;
    while (p < end && p - from < 4 && isDigitCode(text.charCodeAt(p))) p++;
    if (p - from === 0 || p - from > 3 || Number(text.slice(from, p)) > 255) return -1;
  }
  return p;
}

/**
 * An IPv6 address around the `:` at index `colon`: full (`2001:0db8:…:7334`), compressed (`2001:db8::1`,
 * `fe80::1`, `::1`) or with an embedded IPv4 tail. Reads at most about 45 characters. Times (`10:30:00`) and
 * MAC addresses (six groups, no `::`) do not qualify.
 */
export function detectIpv6(text: string, colon: number, floor: number, end: number): Finding | undefined {
  let start = colon;
  while (start > floor && colon - start < 4 && classAt(text, start - 1) & HEX) start--;
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (classAt(text, start - 1) & WORD || before === COLON || before === DOT) return undefined;
  }
  let p = start;
  let groups = 0;
  let compressed = false;
  if (text.charCodeAt(p) === COLON) {
    if (text.charCodeAt(p + 1) !== COLON) return undefined;
    compressed = true;
    p += 2;
  }
  for (;;) {
    const run = hexRun(text, p, end);
    if (run > 4) return undefined;
    if (run === 0) break;
    if (text.charCodeAt(p + run) === DOT && groups <= 6) {
      const tail = embeddedIpv4(text, p, end);
      if (tail < 0) return undefined;
      groups += 2;
      p = tail;
      break;
    }
    groups++;
    p += run;
    if (p >= end || text.charCodeAt(p) !== COLON) break;
    if (text.charCodeAt(p + 1) === COLON) {
      if (compressed) return undefined;
      compressed = true;
      p += 2;
    } else if (classAt(text, p + 1) & HEX) {
      p++;
    } else {
      break;
    }
  }
  if (groups > 8 || (!compressed && groups !== 8) || (compressed && groups > 7)) return undefined;
  if (groups < 2 && !(compressed && start + 2 <= p && text.charCodeAt(start) === COLON && groups === 1))
    return undefined;
  if (p < text.length && (classAt(text, p) & WORD || text.charCodeAt(p) === COLON)) return undefined;
  return { category: 'ipv6', start, end: p, placeholder: '[IPV6]' };
}
