import {
  getTelemetry,
  isProxiedClient,
  type MethodWrapper,
  providerFromBaseURL,
  proxyClient,
  type SdkCallContext,
  type SdkCallMapper,
  type Telemetry,
  traceSdkCall,
} from '@tapline/core';
import { messagesMapper } from './messages';

export interface WrapAnthropicOptions {
  /** The telemetry instance to record into; default: the process default (`configure()` / `getTelemetry()`). */
  telemetry?: Telemetry;
  /** Identity for every call through this client, under `telemetry.withContext` and per-call `tapline` options. */
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
  /** Provider name for the spans; default: `anthropic`, `aws.bedrock` or `gcp.vertex_ai` from the client. */
  provider?: string;
}

const WRAPPED = Symbol.for('tapline.anthropic.wrapped');

const CLIENT_PROVIDERS: Readonly<Record<string, string>> = {
  AnthropicBedrock: 'aws.bedrock',
  AnthropicVertex: 'gcp.vertex_ai',
};

function providerOf(client: { baseURL?: unknown; constructor?: { name?: string } }): string {
  const byClass = client.constructor?.name ? CLIENT_PROVIDERS[client.constructor.name] : undefined;
  return (
    byClass ??
    providerFromBaseURL(typeof client.baseURL === 'string' ? client.baseURL : undefined, 'anthropic')
  );
}

/**
 * Returns `client` instrumented: `messages.create` (plain and `stream: true`), and through it `messages.stream()`
 * and `messages.parse()`, plus the same under `beta.messages`, each become a span. Every call returns exactly what
 * the SDK returns (its `APIPromise`, its `Stream`, its `MessageStream`, its errors); everything else passes
 * through. Works for `Anthropic` and the Bedrock and Vertex clients. Wrapping a wrapped client returns it unchanged.
 */
export function wrapAnthropic<C extends object>(client: C, options: WrapAnthropicOptions = {}): C {
  if (isProxiedClient(client, WRAPPED)) return client;
  const explicit = options.telemetry;
  const context: SdkCallContext = {
    telemetry: explicit ? () => explicit : getTelemetry,
    integration: 'anthropic',
    provider: options.provider ?? providerOf(client as never),
    identity:
      options.userId !== undefined || options.sessionId !== undefined || options.metadata !== undefined
        ? { userId: options.userId, sessionId: options.sessionId, metadata: options.metadata }
        : undefined,
  };
  const traced =
    (mapper: SdkCallMapper): MethodWrapper =>
    (original, receiver, args) =>
      traceSdkCall(context, mapper, original, receiver, args);
  const messages = { methods: { create: traced(messagesMapper) } };
  return proxyClient(client, { resources: { messages, beta: { resources: { messages } } } }, WRAPPED);
}
