import { describe, expect, it } from 'vitest';
import { credentialFingerprint } from './credential-fingerprint';
import { hashIdentifier, hashIdentifierNow, hmacSha256Hex, sha256Hex, toHex } from './hash-identifier';

const repeat = (byte: number, length: number) => new Uint8Array(length).fill(byte);
const hex = (text: string) => new Uint8Array(text.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));

describe('HMAC-SHA256 known answers (RFC 4231)', () => {
  it.each([
    [
      'test case 1',
      repeat(0x0b, 20),
      'Hi There',
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    ],
    [
      'test case 2',
      'Jefe',
      'what do ya want for nothing?',
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      'test case 3',
      repeat(0xaa, 20),
      repeat(0xdd, 50),
      '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    ],
    [
      'test case 4',
      hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      'test case 6',
      repeat(0xaa, 131),
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      'test case 7',
      repeat(0xaa, 131),
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ] as const)('%s', async (_name, key, data, expected) => {
    expect(await hmacSha256Hex(key, data)).toBe(expected);
  });
});

describe('SHA-256 known answers (FIPS 180-2)', () => {
  it('hashes "abc" and the empty string', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('hashIdentifier', () => {
  it('is HMAC-SHA256(key = UTF-8(secret), message = UTF-8(id)) in lowercase hex', async () => {
    expect(await hashIdentifier('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('is plain SHA-256 without a secret', async () => {
    expect(await hashIdentifier('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await hashIdentifier('abc', '')).toBe(await hashIdentifier('abc'));
  });

  it('gives the same hash for the same id and secret, different ones otherwise', async () => {
    const a = await hashIdentifier('user-42', 's3cret');
    expect(await hashIdentifier('user-42', 's3cret')).toBe(a);
    expect(await hashIdentifier('user-43', 's3cret')).not.toBe(a);
    expect(await hashIdentifier('user-42', 'other')).not.toBe(a);
    expect(await hashIdentifier('user-42')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys the cache by secret, so two secrets never share a result', async () => {
    // 'ab' + 'c' and 'a' + 'bc' must not collide in the cache
    expect(await hashIdentifier('c', 'ab')).not.toBe(await hashIdentifier('bc', 'a'));
    expect(await hashIdentifier('c', 'ab')).toBe(await hmacSha256Hex('ab', 'c'));
  });

  it('hashes non-ASCII ids as UTF-8, and long ids without caching', async () => {
    expect(await hashIdentifier('ünïcødé 👋', 'k')).toBe(
      await hmacSha256Hex('k', new TextEncoder().encode('ünïcødé 👋')),
    );
    const long = 'x'.repeat(10_000);
    expect(await hashIdentifier(long, 'k')).toBe(await hmacSha256Hex('k', long));
  });
});

/** The same digests computed with Web Crypto directly, as Edge runtimes do. */
async function webCryptoHash(id: string, secret?: string): Promise<string> {
  const encoder = new TextEncoder();
  const subtle = globalThis.crypto.subtle;
  if (!secret) return toHex(await subtle.digest('SHA-256', encoder.encode(id)));
  const key = await subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await subtle.sign('HMAC', key, encoder.encode(id)));
}

describe('hashIdentifierNow (node:crypto fast path)', () => {
  const cases: [string, string | undefined][] = [
    ['user-42', 's3cret'],
    ['user-42', undefined],
    ['ünïcødé 👋', 'clé 🔑'],
    ['lone \ud800 surrogate', 'k'],
    ['id', 'lone \udfff in the secret'],
    ['', 'k'],
    ['x'.repeat(10_000), 'k'],
    [`user: ${'long prompt '.repeat(100)}\nassistant: \udc00`, undefined],
  ];

  it.each(cases)('is synchronous on Node and byte-identical to Web Crypto (%#)', async (id, secret) => {
    const now = hashIdentifierNow(id, secret);
    expect(typeof now).toBe('string');
    expect(now).toBe(await webCryptoHash(id, secret));
    expect(await hashIdentifier(id, secret)).toBe(now);
    expect(hashIdentifierNow(id, secret)).toBe(now);
  });

  it('gives the Web Crypto results for the byte-level helpers too', async () => {
    expect(await sha256Hex('a \ud800 b')).toBe(await webCryptoHash('a \ud800 b'));
    expect(await hmacSha256Hex('k \udfff', 'm')).toBe(await webCryptoHash('m', 'k \udfff'));
  });
});

describe('credentialFingerprint', () => {
  it('is the first 8 hex characters of SHA-256 of the key', async () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    const fingerprint = await credentialFingerprint(key);
    expect(fingerprint).toBe((await sha256Hex(key)).slice(0, 8));
    expect(fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(await credentialFingerprint(`Bearer ${key}`)).toBe(fingerprint);
    expect(await credentialFingerprint('sk-other-key-1234567890')).not.toBe(fingerprint);
  });
});
