import type { ChatMessageInput, ChatToolInput } from './chat-message-input';
import type { TokenCount } from './count-tokens';
import { countToolTokens } from './count-tool-tokens';
import { imageTokens, unknownImageTokens } from './image-tokens';
import { type TextCounter, textCounter, textCounterSync } from './text-counter';

/**
 * Prompt tokens of a chat request by OpenAI's published rule (cookbook "How to count tokens with tiktoken",
 * num_tokens_from_messages / num_tokens_for_tools): every message costs 3 tokens plus its role and content
 * (gpt-3.5-turbo-0301: 4); a `name` costs its text plus 1 (0301: −1); the reply is primed with 3 tokens; tool
 * definitions add `countToolTokens`. Multimodal parts: text parts count as text, image parts by `imageTokens`
 * (when the part carries its size, else the low-detail base), other parts (audio, files) count nothing.
 * Assistant `tool_calls` count their function name and arguments as text (an approximation).
 */
export function countChatTokensWith(
  counter: TextCounter,
  messages: readonly ChatMessageInput[],
  model: string,
  tools?: readonly ChatToolInput[],
): number {
  const legacy = /gpt-3\.5-turbo-0301|gpt-35-turbo-0301/.test(model);
  const perMessage = legacy ? 4 : 3;
  const perName = legacy ? -1 : 1;
  let tokens = 3;
  for (const message of messages) {
    tokens += perMessage + counter.count(message.role);
    const content = message.content;
    if (typeof content === 'string') tokens += counter.count(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (typeof part.text === 'string') tokens += counter.count(part.text);
        else if (part.type === 'image_url' || part.type === 'image' || part.type === 'input_image') {
          const spec = typeof part.image_url === 'object' ? part.image_url : undefined;
          const width = part.width ?? spec?.width;
          const height = part.height ?? spec?.height;
          const detail = part.detail ?? spec?.detail;
          tokens +=
            width !== undefined && height !== undefined
              ? imageTokens({ width, height, detail }, model)
              : unknownImageTokens(model);
        }
      }
    }
    if (typeof message.name === 'string') tokens += counter.count(message.name) + perName;
    if (message.tool_calls) {
      for (const call of message.tool_calls) {
        tokens += counter.count(call.function?.name ?? '') + counter.count(call.function?.arguments ?? '');
      }
    }
    if (typeof message.tool_call_id === 'string') tokens += counter.count(message.tool_call_id);
  }
  if (tools && tools.length > 0) tokens += countToolTokens(tools, counter);
  return tokens;
}

function result(counter: TextCounter, tokens: number): TokenCount {
  return counter.encoding
    ? { tokens, method: counter.method, encoding: counter.encoding }
    : { tokens, method: counter.method };
}

/** Prompt tokens of a chat request for `model` (see `countChatTokensWith` for the rule); loads the encoding if needed. */
export function countChatTokens(
  messages: readonly ChatMessageInput[],
  model: string,
  tools?: readonly ChatToolInput[],
): Promise<TokenCount> {
  return textCounter(model).then((counter) =>
    result(counter, countChatTokensWith(counter, messages, model, tools)),
  );
}

/** Synchronous `countChatTokens`: the tokenizer when its encoding is loaded, the estimate otherwise. */
export function countChatTokensSync(
  messages: readonly ChatMessageInput[],
  model: string,
  tools?: readonly ChatToolInput[],
): TokenCount {
  const counter = textCounterSync(model);
  return result(counter, countChatTokensWith(counter, messages, model, tools));
}
