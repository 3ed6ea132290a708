import {
  type ClientWrapperOptions,
  isProxiedClient,
  providerFromBaseURL,
  proxyClient,
  sdkCallContext,
  tracedMethod,
} from '@tapline/core';
import { messagesMapper } from './messages';

/** `provider` defaults to `anthropic`, `aws.bedrock` or `gcp.vertex_ai`, from the client. */
export type WrapAnthropicOptions = ClientWrapperOptions;

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
 * through. Works for `Anthropic` and the Bedrock and Vertex clients. Wrapping a wrapped client returns it unchanged;
 * `withOptions()` on the wrapped client returns a wrapped client.
 */
export function wrapAnthropic<C extends object>(client: C, options: WrapAnthropicOptions = {}): C {
  if (isProxiedClient(client, WRAPPED)) return client;
  const traced = tracedMethod(sdkCallContext('anthropic', providerOf(client as never), options));
  const messages = { methods: { create: traced(messagesMapper) } };
  return proxyClient(client, { resources: { messages, beta: { resources: { messages } } } }, WRAPPED, {
    // `client.withOptions({ timeout })` returns a new client: traced the same way
    methods: ['withOptions'],
    wrap: (derived) => wrapAnthropic(derived, options),
  });
}
