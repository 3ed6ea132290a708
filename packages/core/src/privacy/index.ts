export { type CompiledPattern, compilePatterns, unsafeRegexReason } from './compile-patterns';
export { createPrivacyStage } from './create-privacy-stage';
export { createScanner, DEFAULT_MAX_SCAN_LENGTH, type Scanner, type ScannerOptions } from './create-scanner';
export { CREDENTIAL_FINGERPRINT_LENGTH, credentialFingerprint } from './credential-fingerprint';
export { hashIdentifier, hmacSha256Hex, sha256Hex } from './hash-identifier';
export { INJECTION_PHRASES } from './injection-phrases';
export { loadPatterns, parsePatterns } from './load-patterns';
export { normalizePrompt } from './normalize-prompt';
export type { PatternDefinition } from './pattern-definition';
export {
  applyRedactions,
  type RedactedText,
  type RedactOptions,
  redactText,
  TRUNCATION_MARKER,
} from './redact-text';
export {
  BUILT_IN_CATEGORIES,
  type BuiltInCategory,
  type Finding,
  PLACEHOLDERS,
  type ScanOptions,
  type ScanResult,
} from './scan-result';
export { scanText } from './scan-text';
