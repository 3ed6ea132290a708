import type { ResolvedConfig } from '../config/resolve-config';
import type { SpanStage, StageContext } from '../pipeline/span-stage';
import { inputMessages, outputMessages } from '../span/resolve-content';
import type { SpanData } from '../span/span-data';
import type { SpanContent } from '../span/span-record';
import { compilePatterns } from './compile-patterns';
import { createScanner } from './create-scanner';
import { credentialFingerprint } from './credential-fingerprint';
import { hashIdentifierNow } from './hash-identifier';
import { loadPatterns } from './load-patterns';
import { normalizePrompt } from './normalize-prompt';
import { applyRedactions } from './redact-text';
import { type ScannedMessages, scanMessages } from './scan-messages';
import { scrubMetadata, scrubSecrets } from './scrub-metadata';

/**
 * The `privacy` stage. Decided once here: user patterns loaded and compiled (invalid ones throw
 * `TaplineConfigError` naming the pattern, at config time), the scanner built, the capture mode fixed.
 * Per sampled span it:
 * - hashes `userId` / `sessionId` into `userIdHash` / `sessionIdHash`, and the values of `identifierKeys` in
 *   metadata (HMAC-SHA256 with `hashSecret`, SHA-256 and one warning without);
 * - sets `promptHash` from the normalized input messages, whatever the capture mode;
 * - scans input and output: `piiDetected`, `piiCategories`, `injectionSuspected` (input only), `truncated`;
 * - with `captureContent` `redacted` or `raw`, fills `content` (redacted, or raw with secrets removed), or
 *   leaves a direction out when `piiPolicy` is `drop` and anything was found in it;
 * - redacts the error message, removes credential-looking strings from metadata and span names;
 * - replaces `credential` by an 8-hex-character fingerprint when enabled;
 * - always deletes the raw `userId`, `sessionId` and `credential`. If anything fails, the span keeps no raw
 *   text: content, error message and metadata are removed (fail closed) and the failure is reported.
 */
export function createPrivacyStage(config: ResolvedConfig, context: StageContext): SpanStage {
  const patterns = compilePatterns(config.patterns, 'patterns');
  if (config.patternsFile) {
    const field = `patternsFile (${config.patternsFile})`;
    const names = patterns.map((pattern) => pattern.name);
    patterns.push(...compilePatterns(loadPatterns(config.patternsFile), field, names));
  }
  const scanner = createScanner({ maxLength: config.maxScanLength, patterns });
  const secret = config.hashSecret;
  const identifierKeys = new Set(config.identifierKeys);
  const mode = config.captureContent;
  const dropOnPii = config.piiPolicy === 'drop';

  const hashId = (value: string): string | Promise<string> => {
    if (!secret) {
      context.diag.warnOnce(
        'privacy:no-hash-secret',
        'no hash secret configured (TAPLINE_HASH_SECRET / hashSecret): user and session ids are hashed with plain ' +
          'SHA-256, which can be reversed by guessing likely ids. Set a secret to key the hashes (HMAC-SHA256).',
      );
    }
    return hashIdentifierNow(value, secret);
  };

  const content = (
    span: SpanData,
    input: ScannedMessages | undefined,
    output: ScannedMessages | undefined,
  ) => {
    if (mode === 'off') return;
    const captured: SpanContent = { mode };
    for (const [direction, scanned] of [
      ['input', input],
      ['output', output],
    ] as const) {
      if (!scanned || scanned.failed) continue;
      if (dropOnPii && scanned.categories.size > 0) continue;
      captured[direction] = scanned.capture(mode);
    }
    if (captured.input || captured.output) span.content = captured;
  };

  /** Runs the work now when it is synchronous; otherwise keeps the promise to wait for. */
  const assign = <T>(work: Promise<void>[], value: T | Promise<T>, apply: (value: T) => void) => {
    if (value instanceof Promise) work.push(value.then(apply));
    else apply(value);
  };

  /** Synchronous when every hash is (Node); returns a promise only for Web Crypto work. */
  const run = (span: SpanData, credential: string | undefined): void | Promise<unknown> => {
    const work: Promise<void>[] = [];
    if (typeof span.userId === 'string' && span.userId) {
      assign(work, hashId(span.userId), (hash) => {
        span.userIdHash = hash;
      });
    }
    if (typeof span.sessionId === 'string' && span.sessionId) {
      assign(work, hashId(span.sessionId), (hash) => {
        span.sessionIdHash = hash;
      });
    }
    delete span.userId;
    delete span.sessionId;
    if (credential && config.credentialFingerprint) {
      work.push(
        credentialFingerprint(credential).then((fingerprint) => {
          span.credentialFingerprint = fingerprint;
        }),
      );
    }

    span.name = scrubSecrets(String(span.name), scanner, credential);
    if (span.error) {
      span.error.type = scrubSecrets(String(span.error.type), scanner, credential);
      if (span.error.code !== undefined)
        span.error.code = scrubSecrets(String(span.error.code), scanner, credential);
      if (span.error.message !== undefined) {
        const message = credential
          ? scrubSecrets(span.error.message, scanner, credential)
          : span.error.message;
        const scan = scanner.scan(message);
        span.error.message = scan.failed
          ? '[REDACTED]'
          : applyRedactions(message, scan.findings, undefined, scan.scannedLength);
      }
    }
    if (span.metadata) {
      const metadata = span.metadata;
      assign(
        work,
        scrubMetadata(metadata, { scanner, identifierKeys, hash: hashId, credential }),
        (scrubbed) => {
          span.metadata = scrubbed.value;
          if (scrubbed.truncated) span.truncated = true;
        },
      );
    }

    const inputs = inputMessages(span);
    const outputs = outputMessages(span);
    if (inputs && inputs.length > 0) {
      assign(work, hashIdentifierNow(normalizePrompt(inputs), secret), (hash) => {
        span.promptHash = hash;
      });
    }
    const input = inputs && inputs.length > 0 ? scanMessages(inputs, scanner) : undefined;
    const output = outputs && outputs.length > 0 ? scanMessages(outputs, scanner) : undefined;
    const categories = new Set([...(input?.categories ?? []), ...(output?.categories ?? [])]);
    if (categories.size > 0) {
      span.piiDetected = true;
      span.piiCategories = [...categories].sort();
    }
    if (input && input.injectionRules.size > 0) span.injectionSuspected = true;
    if (input?.truncated || output?.truncated) span.truncated = true;
    content(span, input, output);
    if (work.length > 0) return Promise.all(work);
  };

  // Fail closed: nothing raw or half-redacted may leave.
  const failClosed = (span: SpanData, error: unknown): Promise<never> => {
    delete span.userId;
    delete span.sessionId;
    delete span.content;
    delete span.metadata;
    if (span.error) delete span.error.message;
    return Promise.reject(error);
  };

  return {
    name: 'privacy',
    process(span) {
      const credential = typeof span.credential === 'string' ? span.credential : undefined;
      delete span.credential;
      let pending: void | Promise<unknown>;
      try {
        pending = run(span, credential);
      } catch (error) {
        // rejected rather than thrown, as before
        return failClosed(span, error);
      }
      if (pending) return pending.then(noop, (error: unknown) => failClosed(span, error));
    },
  };
}

function noop(): void {}
