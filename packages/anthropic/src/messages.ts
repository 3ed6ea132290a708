import {
  normalizeAnthropicUsage,
  type SdkCallMapper,
  type Span,
  type SpanRequestParams,
  type SpanToolCalls,
} from '@tapline/core';
import { blocksText, requestToContent } from './to-content';

// biome-ignore lint/suspicious/noExplicitAny: SDK request bodies are read field by field, defensively.
type Body = Record<string, any>;
type Usage = Record<string, number | null | undefined>;

interface MessageStreamState {
  first: boolean;
  id?: string;
  model?: string;
  usage?: Usage;
  stopReason?: string;
  sawDelta: boolean;
  stopped: boolean;
  toolNames: string[];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function requestParams(body: Body): SpanRequestParams {
  const out: SpanRequestParams = {};
  const set = <K extends keyof SpanRequestParams>(key: K, value: SpanRequestParams[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('temperature', num(body.temperature));
  set('maxTokens', num(body.max_tokens));
  set('topP', num(body.top_p));
  set('topK', num(body.top_k));
  set('stopSequences', Array.isArray(body.stop_sequences) ? body.stop_sequences.length : undefined);
  if (body.stream === true) out.stream = true;
  set('toolCount', Array.isArray(body.tools) ? body.tools.length : undefined);
  set('toolChoice', typeof body.tool_choice?.type === 'string' ? body.tool_choice.type : undefined);
  const format = body.output_config?.format?.type ?? body.output_format?.type;
  set('responseFormat', typeof format === 'string' ? format : undefined);
  const thinking = body.thinking?.type;
  set(
    'reasoningEffort',
    body.output_config?.effort ??
      (typeof thinking === 'string' && thinking !== 'disabled' ? `thinking:${thinking}` : undefined),
  );
  return out;
}

function toolSummary(names: string[]): SpanToolCalls | undefined {
  return names.length > 0 ? { count: names.length, names: [...new Set(names)] } : undefined;
}

function mergeUsage(into: Usage | undefined, from: Usage | undefined): Usage | undefined {
  if (!from) return into;
  const out: Usage = { ...into };
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}

/** `messages.create` (and through it `messages.stream()`, `messages.parse()`), plain and streamed. */
export const messagesMapper: SdkCallMapper<Body, Body, Body, MessageStreamState> = {
  kind: 'llm',
  operation: 'chat',
  request: requestParams,
  input: requestToContent,
  result(span: Span, message: Body) {
    if (!message || typeof message !== 'object') return;
    const content: Body[] = Array.isArray(message.content) ? message.content : [];
    const names: string[] = [];
    for (const block of content) if (block?.type === 'tool_use') names.push(block.name);
    span.set({
      responseModel: message.model,
      responseId: message.id,
      finishReasons: message.stop_reason ? [message.stop_reason] : undefined,
      toolCalls: toolSummary(names),
    });
    const usage = normalizeAnthropicUsage(message.usage);
    if (usage) span.setUsage(usage);
    span.setOutput(() => [{ role: 'assistant', content: blocksText(content) }]);
  },
  stream: {
    start: () => ({ first: false, sawDelta: false, stopped: false, toolNames: [] }),
    item(span, state, event) {
      switch (event?.type) {
        case 'content_block_delta': {
          if (!state.first) {
            state.first = true;
            span.markFirstToken();
          }
          const delta = event.delta;
          if (delta?.type === 'text_delta') span.appendOutputText(delta.text);
          break;
        }
        case 'message_start':
          state.id = event.message?.id;
          state.model = event.message?.model;
          state.usage = mergeUsage(undefined, event.message?.usage);
          break;
        case 'content_block_start':
          if (event.content_block?.type === 'tool_use') state.toolNames.push(event.content_block.name);
          break;
        case 'message_delta':
          state.sawDelta = true;
          if (event.delta?.stop_reason) state.stopReason = event.delta.stop_reason;
          state.usage = mergeUsage(state.usage, event.usage);
          break;
        case 'message_stop':
          state.stopped = true;
          break;
      }
    },
    finish(span, state) {
      span.set({
        responseModel: state.model,
        responseId: state.id,
        finishReasons: state.stopReason ? [state.stopReason] : undefined,
        toolCalls: toolSummary(state.toolNames),
      });
      const usage = normalizeAnthropicUsage(state.usage);
      if (!usage) return;
      // Without message_delta the output count is message_start's placeholder: leave it to the tokenizer.
      if (!state.sawDelta) {
        usage.output = undefined;
        usage.total = undefined;
      }
      span.setUsage(usage);
    },
    sawEnd: (state) => state.stopped,
  },
};
