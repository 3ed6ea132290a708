import { sha256Hex } from './hash-identifier';

/** Hex characters kept from the hash: enough to tell a handful of keys apart, far too few to recover one. */
export const CREDENTIAL_FINGERPRINT_LENGTH = 8;

/**
 * A short fingerprint of an API key so users can tell keys apart without the key ever leaving the process:
 * the first 8 lowercase hex characters of SHA-256(UTF-8(credential)), after trimming surrounding whitespace and
 * a leading `Bearer ` (case-insensitive).
 */
export async function credentialFingerprint(credential: string): Promise<string> {
  const key = String(credential)
    .trim()
    .replace(/^bearer\s+/i, '');
  return (await sha256Hex(key)).slice(0, CREDENTIAL_FINGERPRINT_LENGTH);
}
