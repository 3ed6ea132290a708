import { classAt, DIGIT, TOKEN, UPPER, WORD } from './char-table';
import type { Finding } from './scan-result';

/** Memo that keeps secret detection linear on adversarial input; one per scan. */
export interface SecretScanState {
  /** A JWT attempt failed whose first segment ran up to here; later attempts inside it fail the same way. */
  jwtFailedUntil: number;
  /** No `-----END` marker exists at or after this index. */
  pemNoEndFrom: number;
}

const AWS_KEY_PREFIXES = new Set(['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA']);
const BASE64 = /^[A-Za-z0-9/+]{40}$/;

function tokenEnd(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && classAt(text, p) & TOKEN) p++;
  return p;
}

function secret(kind: string, start: number, end: number): Finding {
  return { category: 'secret', kind, start, end, placeholder: '[SECRET]' };
}

/**
 * A credential that starts at index `at` (a word boundary): OpenAI and Anthropic keys (`sk-…`, `sk-ant-…`), AWS
 * access key ids (`AKIA…`) and `aws_secret_access_key = …` values, GitHub tokens (`ghp_…`, `github_pat_…`),
 * Slack tokens (`xox?-…`) and webhook URLs, Google API keys (`AIza…`), JWTs (`eyJ….eyJ….…`), PEM private key
 * blocks and `Bearer` tokens.
 */
export function detectSecret(
  text: string,
  at: number,
  end: number,
  state: SecretScanState,
): Finding | undefined {
  const code = text.charCodeAt(at);
  switch (code) {
    case 115: // s
      if (text.startsWith('sk-', at)) {
        const stop = tokenEnd(text, at, end);
        if (text.startsWith('sk-ant-', at))
          return stop - at >= 32 ? secret('anthropic', at, stop) : undefined;
        return stop - at >= 23 ? secret('openai', at, stop) : undefined;
      }
      return undefined;
    case 103: // g
      if (text.startsWith('github_pat_', at)) {
        const stop = tokenEnd(text, at, end);
        return stop - at >= 33 ? secret('github', at, stop) : undefined;
      }
      if (
        text.charCodeAt(at + 1) === 104 &&
        'pousr'.includes(text[at + 2] ?? '') &&
        text.charCodeAt(at + 3) === 95
      ) {
        const stop = tokenEnd(text, at, end);
        return stop - at >= 40 ? secret('github', at, stop) : undefined;
      }
      return undefined;
    case 120: // x
      if (
        text.startsWith('xox', at) &&
        'abprse'.includes(text[at + 3] ?? '') &&
        text.charCodeAt(at + 4) === 45
      ) {
        const stop = tokenEnd(text, at, end);
        return stop - at >= 15 ? secret('slack', at, stop) : undefined;
      }
      return undefined;
    case 104: // h
      if (text.startsWith('hooks.slack.com/services/', at)) {
        let stop = at + 25;
        while (stop < end && (classAt(text, stop) & WORD || text.charCodeAt(stop) === 47)) stop++;
        return stop - at >= 45 ? secret('slack', at, stop) : undefined;
      }
      return undefined;
    case 101: // e
      return text.startsWith('eyJ', at) ? detectJwt(text, at, end, state) : undefined;
    case 65: // A
      if (text.startsWith('AIza', at)) {
        const stop = tokenEnd(text, at, Math.min(end, at + 40));
        return stop - at === 39 && !(classAt(text, stop) & TOKEN) ? secret('google', at, stop) : undefined;
      }
      return detectAwsKeyId(text, at, end) ?? detectAwsSecret(text, at, end);
    case 97: // a
      return detectAwsSecret(text, at, end);
    case 66: // B
    case 98: // b
      return detectBearer(text, at, end);
    case 45: // -
      return text.startsWith('-----BEGIN ', at) ? detectPrivateKey(text, at, end, state) : undefined;
    default:
      return undefined;
  }
}

function detectAwsKeyId(text: string, at: number, end: number): Finding | undefined {
  if (end - at < 20 || !AWS_KEY_PREFIXES.has(text.slice(at, at + 4))) return undefined;
  for (let p = at + 4; p < at + 20; p++) if (!(classAt(text, p) & (UPPER | DIGIT))) return undefined;
  return classAt(text, at + 20) & WORD ? undefined : secret('aws', at, at + 20);
}

function detectAwsSecret(text: string, at: number, end: number): Finding | undefined {
  if (
    (text.charCodeAt(at + 1) | 32) !== 119 ||
    text.slice(at, at + 21).toLowerCase() !== 'aws_secret_access_key'
  ) {
    return undefined;
  }
  let p = at + 21;
  const limit = Math.min(end, p + 6);
  while (p < limit && ' \t"\':='.includes(text[p]!)) p++;
  if (p + 40 > end || !BASE64.test(text.slice(p, p + 40))) return undefined;
  const after = text.charCodeAt(p + 40);
  if (classAt(text, p + 40) & WORD || after === 47 || after === 43) return undefined;
  return secret('aws', p, p + 40);
}

function detectBearer(text: string, at: number, end: number): Finding | undefined {
  if (text.slice(at, at + 7).toLowerCase() !== 'bearer ') return undefined;
  let p = at + 7;
  while (p < end && (classAt(text, p) & TOKEN || '.~+/='.includes(text[p]!))) p++;
  return p - at - 7 >= 20 ? secret('bearer', at + 7, p) : undefined;
}

function segmentEnd(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && classAt(text, p) & TOKEN) p++;
  return p;
}

function detectJwt(text: string, at: number, end: number, state: SecretScanState): Finding | undefined {
  if (at < state.jwtFailedUntil) return undefined;
  const header = segmentEnd(text, at, end);
  if (header - at >= 10 && text.charCodeAt(header) === 46 && text.startsWith('eyJ', header + 1)) {
    const payload = segmentEnd(text, header + 1, end);
    if (payload - header - 1 >= 10 && text.charCodeAt(payload) === 46) {
      const signature = segmentEnd(text, payload + 1, end);
      return secret('jwt', at, signature);
    }
  }
  state.jwtFailedUntil = header;
  return undefined;
}

function detectPrivateKey(
  text: string,
  at: number,
  end: number,
  state: SecretScanState,
): Finding | undefined {
  const window = text.slice(at + 11, at + 60);
  const labelOffset = window.indexOf('-----');
  if (labelOffset < 0 || !window.slice(0, labelOffset).endsWith('PRIVATE KEY')) return undefined;
  const label = at + 11 + labelOffset;
  if (label >= state.pemNoEndFrom) return secret('private-key', at, end);
  const endMarker = text.indexOf('-----END ', label + 5);
  if (endMarker < 0 || endMarker >= end) {
    state.pemNoEndFrom = label;
    // An unterminated key block: everything from here is treated as the key.
    return secret('private-key', at, end);
  }
  const close = text.indexOf('-----', endMarker + 9);
  const stop = close < 0 || close - endMarker > 60 ? Math.min(end, endMarker + 9) : Math.min(end, close + 5);
  return secret('private-key', at, stop);
}
