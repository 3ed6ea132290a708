import type { ContentMessage } from '@tapline/core';

/** Structural view of a LangChain message (0.3 and 1.x). */
interface MessageLike {
  content?: unknown;
  name?: string;
  role?: string;
  type?: string;
  tool_calls?: Array<{ name?: string; args?: unknown }>;
  getType?: () => string;
  _getType?: () => string;
}

const ROLES: Readonly<Record<string, string>> = {
  human: 'user',
  ai: 'assistant',
  system: 'system',
  developer: 'developer',
  tool: 'tool',
  function: 'function',
  remove: 'remove',
};

function isMessage(value: unknown): value is MessageLike {
  if (!value || typeof value !== 'object') return false;
  const m = value as MessageLike;
  return 'content' in m && (typeof m.getType === 'function' || typeof m._getType === 'function');
}

function messageType(message: MessageLike): string {
  if (typeof message.getType === 'function') return message.getType();
  if (typeof message._getType === 'function') return message._getType();
  return message.type ?? 'generic';
}

/** Serializes anything to text without throwing: strings as is, cycles and bigints tolerated. */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return item.toString();
        if (item && typeof item === 'object') {
          if (seen.has(item)) return '[Circular]';
          seen.add(item);
          if (isMessage(item)) return messageToContent(item);
        }
        return item;
      }) ?? ''
    );
  } catch {
    return String(value);
  }
}

/** The text of message content: a string, or the text parts of a content-block array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : stringify(content);
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (part && typeof part === 'object') {
      const block = part as { type?: string; text?: unknown };
      if (typeof block.text === 'string') text += block.text;
      else if (block.type === 'image_url' || block.type === 'image') text += '[image]';
    }
  }
  return text;
}

/** One LangChain message as a Tapline content message (tool calls appended as JSON). */
export function messageToContent(message: MessageLike): ContentMessage {
  const type = messageType(message);
  const role = type === 'generic' || type === 'chat' ? (message.role ?? 'user') : (ROLES[type] ?? type);
  let content = contentText(message.content);
  const calls = message.tool_calls;
  if (Array.isArray(calls) && calls.length > 0) {
    const rendered = stringify(calls.map((call) => ({ name: call.name, arguments: call.args })));
    content = content ? `${content}\n${rendered}` : rendered;
  }
  const result: ContentMessage = { role, content };
  if (typeof message.name === 'string' && message.name) result.name = message.name;
  return result;
}

export function messagesToContent(messages: readonly unknown[]): ContentMessage[] {
  return messages.map((message) =>
    isMessage(message) ? messageToContent(message) : { role: 'user', content: stringify(message) },
  );
}

/**
 * A run's inputs or outputs as content: message lists and prompt values become messages, a `{ messages }`
 * state (LangGraph) its messages, documents one message each, anything else one message of JSON.
 */
export function valueToContent(value: unknown, role: string): ContentMessage[] {
  // LangChain wraps non-object inputs and outputs of runnables as `{ input }` / `{ output }`.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'input' || keys[0] === 'output'))
      value = (value as Record<string, unknown>)[keys[0]];
  }
  if (isMessage(value)) return [messageToContent(value)];
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage)) return messagesToContent(value);
  if (value && typeof value === 'object') {
    const object = value as { toChatMessages?: () => unknown[]; messages?: unknown };
    if (typeof object.toChatMessages === 'function') return messagesToContent(object.toChatMessages());
    const keys = Object.keys(object);
    if (keys.length === 1 && Array.isArray(object.messages) && object.messages.every(isMessage))
      return messagesToContent(object.messages);
  }
  return [{ role, content: stringify(value) }];
}

/** Retrieved documents: one message per document (its page content). */
export function documentsToContent(documents: readonly unknown[]): ContentMessage[] {
  return documents.map((document) => {
    const page = (document as { pageContent?: unknown } | null)?.pageContent;
    return { role: 'document', content: typeof page === 'string' ? page : stringify(document) };
  });
}
