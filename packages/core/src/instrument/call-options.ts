import type { ParentRef } from '../telemetry/create-telemetry';

/** Per-call telemetry options, passed as `tapline` in an SDK call's request options. */
export interface CallTelemetryOptions {
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  /** Explicit parent span; `null` starts a new trace. */
  parent?: ParentRef | null;
}

/** The request-options key that carries {@link CallTelemetryOptions}. */
export const CALL_OPTIONS_KEY = 'tapline';

/**
 * Splits an SDK call's request options into the SDK's own options (without the `tapline` key, so it never reaches
 * the SDK or the server) and the per-call telemetry options. The caller's object is not changed; a copy is made
 * only when the key is present.
 */
export function splitCallOptions(options: unknown): {
  sdkOptions: unknown;
  call: CallTelemetryOptions | undefined;
} {
  if (options === null || typeof options !== 'object' || !(CALL_OPTIONS_KEY in options)) {
    return { sdkOptions: options, call: undefined };
  }
  const { [CALL_OPTIONS_KEY]: call, ...rest } = options as Record<string, unknown>;
  return {
    sdkOptions: rest,
    call: call !== null && typeof call === 'object' ? (call as CallTelemetryOptions) : undefined,
  };
}

/**
 * Adds per-call telemetry options to SDK request options, keeping the SDK's option type so that TypeScript accepts
 * the result: `client.chat.completions.create(body, withTelemetry({ userId }, { timeout: 5000 }))`.
 */
export function withTelemetry<O extends object = Record<string, never>>(
  call: CallTelemetryOptions,
  options?: O,
): O {
  return { ...(options as O), [CALL_OPTIONS_KEY]: call };
}
