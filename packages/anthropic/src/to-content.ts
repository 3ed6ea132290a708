import type { ContentMessage } from '@tapline/core';

interface BlockLike {
  type?: string;
  text?: string;
  name?: string;
  input?: unknown;
  content?: unknown;
}

/** Text of a string or content blocks: text as is, tool use as `name(input)`, tool results by their text. */
export function blocksText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const block of content as BlockLike[]) {
    if (!block || typeof block !== 'object') continue;
    let part: string;
    if (block.type === 'text') part = block.text ?? '';
    else if (block.type === 'tool_use' || block.type === 'server_tool_use')
      part = `${block.name}(${JSON.stringify(block.input ?? {})})`;
    else if (block.type === 'tool_result') part = blocksText(block.content);
    else if (block.type === 'thinking' || block.type === 'redacted_thinking') continue;
    else part = `[${block.type}]`;
    text = text ? `${text}\n${part}` : part;
  }
  return text;
}

/** A Messages request's system prompt and messages as content messages. */
export function requestToContent(body: Record<string, unknown>): ContentMessage[] {
  const out: ContentMessage[] = [];
  if (body.system !== undefined) out.push({ role: 'system', content: blocksText(body.system) });
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as { role?: string; content?: unknown }[]) {
      out.push({ role: String(message?.role ?? 'user'), content: blocksText(message?.content) });
    }
  }
  return out;
}
