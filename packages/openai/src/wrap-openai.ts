import {
  type ClientWrapperOptions,
  isProxiedClient,
  providerFromBaseURL,
  proxyClient,
  type SdkCallMapper,
  sdkCallContext,
  tracedMethod,
} from '@tapline/core';
import { chatCompletionsMapper } from './chat-completions';
import { completionsMapper } from './completions';
import { embeddingsMapper } from './embeddings';
import { responsesMapper } from './responses';

export interface WrapOpenAIOptions extends ClientWrapperOptions {
  /**
   * For streamed chat completions that do not ask for usage: ask for it (`stream_options.include_usage`) and hide
   * the extra usage-only chunk, so the caller sees the stream it asked for and the span gets exact counts.
   * Default true; false leaves the request as is and counts completion tokens with the tokenizer.
   */
  streamUsage?: boolean;
}

const WRAPPED = Symbol.for('tapline.openai.wrapped');

function providerOf(client: { baseURL?: unknown; constructor?: { name?: string } }): string {
  if (client.constructor?.name === 'AzureOpenAI') return 'azure';
  return providerFromBaseURL(typeof client.baseURL === 'string' ? client.baseURL : undefined, 'openai');
}

/**
 * Returns `client` instrumented: chat completions (plain, streamed, `parse`, `stream`, `runTools`), Responses
 * (plain, streamed, `parse`, `stream`), embeddings and legacy completions each become a span. Every call returns
 * exactly what the SDK returns (its `APIPromise`, its `Stream`, its errors); everything else passes through. Works
 * for `OpenAI`, `AzureOpenAI` and OpenAI-compatible servers. Wrapping a wrapped client returns it unchanged;
 * `withOptions()` on the wrapped client returns a wrapped client.
 */
export function wrapOpenAI<C extends object>(client: C, options: WrapOpenAIOptions = {}): C {
  if (isProxiedClient(client, WRAPPED)) return client;
  const traced = tracedMethod(sdkCallContext('openai', providerOf(client as never), options));
  const chat: SdkCallMapper =
    options.streamUsage === false ? { ...chatCompletionsMapper, prepare: undefined } : chatCompletionsMapper;

  return proxyClient(
    client,
    {
      resources: {
        chat: { resources: { completions: { methods: { create: traced(chat) } } } },
        responses: { methods: { create: traced(responsesMapper) } },
        embeddings: { methods: { create: traced(embeddingsMapper) } },
        completions: { methods: { create: traced(completionsMapper) } },
      },
    },
    WRAPPED,
    // `client.withOptions({ timeout })` returns a new client: traced the same way
    { methods: ['withOptions'], wrap: (derived) => wrapOpenAI(derived, options) },
  );
}
