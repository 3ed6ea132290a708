/** The built-in categories of personal data and secrets the scanner finds. */
export type BuiltInCategory = 'email' | 'phone' | 'card' | 'ssn' | 'ipv4' | 'ipv6' | 'iban' | 'secret';

export const BUILT_IN_CATEGORIES: readonly BuiltInCategory[] = [
  'email',
  'phone',
  'card',
  'ssn',
  'ipv4',
  'ipv6',
  'iban',
  'secret',
];

/** The placeholder each built-in category is replaced with when redacting. */
export const PLACEHOLDERS: Readonly<Record<BuiltInCategory, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  ssn: '[SSN]',
  ipv4: '[IPV4]',
  ipv6: '[IPV6]',
  iban: '[IBAN]',
  secret: '[SECRET]',
};

/** One piece of personal data or one secret found in a text: `text.slice(start, end)`. */
export interface Finding {
  /** A built-in category, or the name of a user `PII` pattern. */
  category: BuiltInCategory | (string & {});
  start: number;
  end: number;
  /** What replaces it when redacting, e.g. `[EMAIL]`. */
  placeholder: string;
  /** For secrets, which kind: `openai`, `anthropic`, `aws`, `github`, `slack`, `google`, `jwt`, `private-key`, `bearer`. */
  kind?: string;
}

export interface ScanResult {
  /** Findings in order of position; built-in findings never overlap, user-pattern findings may. */
  findings: Finding[];
  piiDetected: boolean;
  /** Distinct categories found, sorted. */
  categories: string[];
  injectionSuspected: boolean;
  /** Names of the injection heuristics (or user `INJECTION` patterns) that matched, sorted. */
  injectionRules: string[];
  /** True when the text was longer than the scan limit and only its first `scannedLength` characters were scanned. */
  truncated: boolean;
  scannedLength: number;
  /** True when the scan failed unexpectedly; callers should then treat the text as unsafe. */
  failed?: boolean;
}

export interface ScanOptions {
  /** Characters scanned at most (default 65,536); the rest is ignored and `truncated` is set. */
  maxLength?: number;
}
