import type { ContentMessage } from '@tapline/core';

type Part = { type?: string; text?: string; refusal?: string } | string;

/** Text of a string or an array of content parts; non-text parts become a short placeholder. */
export function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content == null ? '' : JSON.stringify(content);
  let text = '';
  for (const part of content as Part[]) {
    if (typeof part === 'string') text += part;
    else if (typeof part?.text === 'string') text += part.text;
    else if (typeof part?.refusal === 'string') text += part.refusal;
    else if (part?.type) text += `[${part.type}]`;
  }
  return text;
}

interface ToolCallLike {
  type?: string;
  function?: { name?: string; arguments?: string };
  custom?: { name?: string; input?: string };
}

/** Tool calls as text, so that they are counted and (when captured) visible: `name(arguments)`. */
export function toolCallsText(calls: unknown): string {
  if (!Array.isArray(calls)) return '';
  return (calls as ToolCallLike[])
    .map((call) => {
      const fn = call.function ?? call.custom;
      const args = call.function?.arguments ?? call.custom?.input ?? '';
      return fn?.name ? `${fn.name}(${args})` : '';
    })
    .filter(Boolean)
    .join('\n');
}

interface ChatMessageLike {
  role?: string;
  content?: unknown;
  name?: string;
  tool_calls?: unknown;
  refusal?: string | null;
}

/** Chat messages (request or response) as content messages. */
export function chatMessagesToContent(messages: unknown): ContentMessage[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  return (messages as ChatMessageLike[]).map((message) => {
    let content = partsText(message.content);
    const calls = toolCallsText(message.tool_calls);
    if (calls) content = content ? `${content}\n${calls}` : calls;
    if (!content && message.refusal) content = message.refusal;
    const out: ContentMessage = { role: String(message.role ?? 'user'), content };
    if (typeof message.name === 'string') out.name = message.name;
    return out;
  });
}

/** Text or an array of texts (legacy completions prompts, embedding inputs) as user messages. */
export function textsToContent(input: unknown, role = 'user'): ContentMessage[] | undefined {
  if (typeof input === 'string') return [{ role, content: input }];
  if (Array.isArray(input)) {
    return input.map((item) => ({
      role,
      content:
        typeof item === 'string'
          ? item
          : Array.isArray(item)
            ? `[${item.length} tokens]`
            : JSON.stringify(item),
    }));
  }
  return undefined;
}
