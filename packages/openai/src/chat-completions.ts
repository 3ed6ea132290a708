import { normalizeOpenAIUsage, type SdkCallMapper, type Span, type SpanToolCalls } from '@tapline/core';
import { openAIRequestParams } from './request-params';
import { noteFirstChunk, type OpenAIStreamState, recordStreamSummary, sawStreamEnd } from './stream-summary';
import { chatMessagesToContent } from './to-content';

type Body = Record<string, any>;

/** Providers known to reject or ignore `stream_options`; usage is not requested from them. */
const NO_STREAM_OPTIONS = new Set(['mistral']);

interface ChatStreamState extends OpenAIStreamState {
  /** Whether we asked for usage the caller did not ask for (and so hide the usage-only chunk). */
  injected: boolean;
  /** Whether tool-call argument deltas are appended for tokenizer fill-in (no provider usage expected). */
  countTools: boolean;
  toolNames: string[];
  toolCount: number;
}

function toolSummary(names: string[], count: number): SpanToolCalls | undefined {
  return count > 0 ? { count, names: [...new Set(names)] } : undefined;
}

function choicesOutput(choices: any[]) {
  return chatMessagesToContent(
    choices.map((choice) => choice?.message ?? { role: 'assistant', content: '' }),
  );
}

/** `chat.completions.create` (and through it `parse`, `stream`, `runTools`): plain and streamed. */
export const chatCompletionsMapper: SdkCallMapper<Body, any, any, ChatStreamState> = {
  kind: 'llm',
  operation: 'chat',
  request: openAIRequestParams,
  input: (body) => chatMessagesToContent(body.messages),
  prepare(body, provider) {
    if (body.stream !== true || body.stream_options?.include_usage === true) return body;
    if (body.stream_options?.include_usage === false || NO_STREAM_OPTIONS.has(provider)) return body;
    return { ...body, stream_options: { ...body.stream_options, include_usage: true } };
  },
  result(span: Span, value: any) {
    if (!value || typeof value !== 'object') return;
    const choices: any[] = Array.isArray(value.choices) ? value.choices : [];
    const finish: string[] = [];
    const names: string[] = [];
    let count = 0;
    for (const choice of choices) {
      if (choice?.finish_reason) finish.push(choice.finish_reason);
      const calls = choice?.message?.tool_calls;
      if (Array.isArray(calls)) {
        count += calls.length;
        for (const call of calls) {
          const name = call?.function?.name ?? call?.custom?.name;
          if (name) names.push(name);
        }
      }
    }
    span.set({
      responseModel: value.model,
      responseId: value.id,
      finishReasons: finish.length > 0 ? finish : undefined,
      toolCalls: toolSummary(names, count),
    });
    const usage = normalizeOpenAIUsage(value.usage);
    if (usage) span.setUsage(usage);
    span.setOutput(() => choicesOutput(choices));
  },
  stream: {
    start(body, sent) {
      const injected = sent !== body;
      return {
        first: false,
        injected,
        countTools: sent.stream_options?.include_usage !== true,
        finish: [],
        toolNames: [],
        toolCount: 0,
      };
    },
    item(span, state, chunk) {
      noteFirstChunk(span, state, chunk);
      const choices = chunk?.choices;
      if (chunk?.usage) {
        state.usage = chunk.usage;
        if (state.injected && Array.isArray(choices) && choices.length === 0) return false;
      }
      if (!Array.isArray(choices)) return;
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i];
        const delta = choice.delta;
        if (delta) {
          if (delta.content) span.appendOutputText(delta.content);
          const calls = delta.tool_calls;
          if (calls) {
            for (const call of calls) {
              const fn = call.function;
              if (fn?.name) {
                state.toolCount++;
                state.toolNames.push(fn.name);
              }
              if (state.countTools && fn?.arguments) span.appendOutputText(fn.arguments);
            }
          }
        }
        if (choice.finish_reason) state.finish[choice.index ?? i] = choice.finish_reason;
      }
    },
    finish: (span, state) =>
      recordStreamSummary(span, state, { toolCalls: toolSummary(state.toolNames, state.toolCount) }),
    sawEnd: sawStreamEnd,
  },
};
