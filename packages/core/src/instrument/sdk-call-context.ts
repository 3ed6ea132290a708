import type { Telemetry } from '../telemetry/create-telemetry';
import { getTelemetry } from '../telemetry/default-telemetry';
import type { MethodWrapper } from './proxy-client';
import { type SdkCallContext, type SdkCallMapper, traceSdkCall } from './trace-sdk-call';

/** The options every client wrapper (`wrapOpenAI`, `wrapAnthropic` …) accepts. */
export interface ClientWrapperOptions {
  /** The telemetry instance to record into; default: the process default (`configure()` / `getTelemetry()`). */
  telemetry?: Telemetry;
  /** Identity for every call through this client, under `telemetry.withContext` and per-call `tapline` options. */
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  /** Provider name for the spans; default: recognised from the client. */
  provider?: string;
}

/**
 * Where a client wrapper records its calls, decided once when the client is wrapped: the telemetry instance (or
 * the process default, read per call), the integration and provider names, and the wrapper-level identity.
 */
export function sdkCallContext(
  integration: string,
  provider: string,
  options: ClientWrapperOptions,
): SdkCallContext {
  const explicit = options.telemetry;
  const { userId, sessionId, metadata } = options;
  return {
    telemetry: explicit ? () => explicit : getTelemetry,
    integration,
    provider: options.provider ?? provider,
    identity:
      userId !== undefined || sessionId !== undefined || metadata !== undefined
        ? { userId, sessionId, metadata }
        : undefined,
  };
}

/** Turns a mapper into the method wrapper `proxyClient` installs: each call runs through `traceSdkCall`. */
export function tracedMethod(context: SdkCallContext): (mapper: SdkCallMapper) => MethodWrapper {
  return (mapper) => (original, receiver, args) => traceSdkCall(context, mapper, original, receiver, args);
}
