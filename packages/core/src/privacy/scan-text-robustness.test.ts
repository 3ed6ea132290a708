import { describe, expect, it } from 'vitest';
import { createScanner } from './create-scanner';
import { scanText } from './scan-text';

const MB = 1_000_000;
const scanner = createScanner({ maxLength: 10 * MB });

function timeScan(text: string): number {
  const start = performance.now();
  scanner.scan(text);
  return performance.now() - start;
}

const ADVERSARIAL: [string, string][] = [
  ['@', '@'],
  ['a', 'a'],
  ['a@', 'a@'],
  ['digits with dashes', '1-'],
  ['digits with spaces', '1 '],
  ['digits with dots', '1.'],
  ['colons', ':'],
  ['hex and colons', 'f:'],
  ['plus digits', '+1 '],
  ['parentheses', '(555) '],
  ['PEM begin', '-----BEGIN '],
  ['PEM private key begin', '-----BEGIN RSA PRIVATE KEY-----'],
  ['JWT start', 'eyJ-'],
  ['JWT segments', 'eyJhbGciOiJIUzI1.'],
  ['sk dash', 'sk-'],
  ['underscores', '_'],
  ['capitals', 'A'],
  ['IBAN-like', 'GB82 '],
  ['injection prefix', 'ignore '],
  ['injection whitespace', 'ignore  \t\n '],
  ['email-like labels', 'a.b-c.'],
  ['long digit run', '4'],
];

describe('scanText runs in linear time', () => {
  it.each(ADVERSARIAL)('%s: 1 MB scans in time proportional to 100 KB', (_name, unit) => {
    const small = unit.repeat(Math.ceil(100_000 / unit.length));
    const large = unit.repeat(Math.ceil(MB / unit.length));
    const smallTime = Math.min(timeScan(small), timeScan(small), timeScan(small));
    const largeTime = timeScan(large);
    // Linear: ~10×. Quadratic would be ~100×. Generous bounds for a busy machine.
    expect(largeTime).toBeLessThan(30 * smallTime + 250);
    expect(largeTime).toBeLessThan(15_000);
  });

  it('stops at the scan limit however long the text', () => {
    const text = 'x'.repeat(20 * MB);
    const start = performance.now();
    const result = scanText(text, { maxLength: 1000 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.truncated).toBe(true);
    expect(result.scannedLength).toBe(1000);
  });
});

describe('scanText never throws', () => {
  const odd = [
    '',
    '\u0000\u0000\u0000',
    '\uD800',
    '\uDC00abc@example.com\uD800',
    'a\uD83D',
    '\uD83D\uDE00 emoji 👩‍👩‍👧‍👦 and 🏳️‍🌈',
    'مرحبا ann@example.com بالعالم \u202Eevil\u202C',
    '\u200B\u200D\uFEFF',
    'ｆｕｌｌｗｉｄｔｈ ４１１１ １１１１ １１１１ １１１１',
    'é'.repeat(10_000),
    `${'@'.repeat(5)}\uD800@\uDFFF.com`,
    'sk-\u0000'.repeat(100),
    '-----BEGIN PRIVATE KEY-----',
    '-----BEGIN PRIVATE KEY-----\n-----END',
    '::',
    ':::::',
    '+',
    '(',
    '4111 1111 1111 111',
  ];

  it.each(odd.map((text) => [JSON.stringify(text.slice(0, 40)), text]))('handles %s', (_label, text) => {
    expect(() => scanText(text)).not.toThrow();
    const result = scanText(text);
    for (const finding of result.findings) {
      expect(finding.start).toBeGreaterThanOrEqual(0);
      expect(finding.end).toBeLessThanOrEqual(text.length);
      expect(finding.end).toBeGreaterThan(finding.start);
    }
  });

  it('survives random strings over the whole UTF-16 range and the trigger characters', () => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = '@:.-_+()/ 0123456789abcdefABCDEFxyzJ\n\t=\'";';
    for (let round = 0; round < 500; round++) {
      let text = '';
      const length = Math.floor(random() * 400);
      for (let i = 0; i < length; i++) {
        text +=
          random() < 0.7
            ? alphabet[Math.floor(random() * alphabet.length)]
            : String.fromCharCode(Math.floor(random() * 0x10000));
      }
      const result = scanText(text);
      expect(result.failed).toBeUndefined();
      let previousEnd = 0;
      for (const finding of result.findings) {
        expect(finding.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = finding.end;
      }
    }
  });
});
