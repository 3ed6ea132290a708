import type { ContentMessage } from '@tapline/core';

type Loose = { readonly type?: unknown; readonly [key: string]: unknown };

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** A file part as a placeholder: media type, file name and URL when it has one; bytes are never copied. */
function describeFile(part: Loose): string {
  const mediaType = typeof part.mediaType === 'string' ? part.mediaType : 'application/octet-stream';
  const kind = mediaType.startsWith('image/') ? 'image' : 'file';
  const data = part.data as unknown;
  let location: string | undefined;
  if (data instanceof URL) location = data.href;
  else if (data && typeof data === 'object' && (data as Loose).type === 'url') {
    const url = (data as Loose).url;
    location = url instanceof URL ? url.href : typeof url === 'string' ? url : undefined;
  } else if (typeof data === 'string' && /^https?:\/\//.test(data)) location = data;
  const name = typeof part.filename === 'string' ? ` ${part.filename}` : '';
  return `[${kind} ${mediaType}${name}${location ? ` ${location}` : ''}]`;
}

/** Tool output in any SDK shape (V2–V4 `{ type, value }`, or a raw value) as text. */
export function toolOutputText(output: unknown): string {
  if (!output || typeof output !== 'object' || !('type' in output)) return stringify(output);
  const typed = output as Loose;
  switch (typed.type) {
    case 'text':
    case 'error-text':
      return stringify(typed.value);
    case 'json':
    case 'error-json':
      return stringify(typed.value);
    case 'execution-denied':
      return `[execution denied${typeof typed.reason === 'string' ? `: ${typed.reason}` : ''}]`;
    case 'content':
      return Array.isArray(typed.value) ? typed.value.map((item) => partText(item as Loose)).join('\n') : '';
    default:
      return stringify(typed.value ?? output);
  }
}

/** One prompt or content part as text. */
export function partText(part: Loose): string {
  switch (part.type) {
    case 'text':
      return stringify(part.text);
    case 'reasoning':
      return `[reasoning] ${stringify(part.text)}`;
    case 'file':
    case 'image':
    case 'reasoning-file':
      return describeFile(
        part.type === 'image' ? { ...part, mediaType: part.mediaType ?? 'image/*', data: part.image } : part,
      );
    case 'tool-call':
      return `[tool call ${stringify(part.toolName)}] ${stringify(part.input ?? part.args)}`;
    case 'tool-result':
      return `[tool result ${stringify(part.toolName)}] ${toolOutputText(part.output ?? part.result)}`;
    case 'tool-approval-request':
    case 'tool-approval-response':
      return `[${part.type}]`;
    default:
      return typeof part.type === 'string' ? `[${part.type}]` : '';
  }
}

/**
 * Maps an AI SDK prompt (the provider-level `LanguageModelV2/3/4Prompt` or `ModelMessage[]`) onto Tapline's
 * content messages: one message per prompt message, parts joined by newlines; tool results become `tool`
 * messages named after the tool. Runs in the pipeline (through `span.setInput(() => …)`), never on the call path.
 */
export function mapPrompt(
  prompt: ReadonlyArray<{ role: string; content: unknown }> | undefined,
): ContentMessage[] {
  const messages: ContentMessage[] = [];
  if (!Array.isArray(prompt)) return messages;
  for (const message of prompt) {
    const { role, content } = message;
    if (typeof content === 'string') {
      messages.push({ role, content });
      continue;
    }
    if (!Array.isArray(content)) continue;
    if (role === 'tool') {
      for (const part of content as Loose[]) {
        const entry: ContentMessage = { role: 'tool', content: partText(part) };
        if (typeof part.toolName === 'string') entry.name = part.toolName;
        messages.push(entry);
      }
      continue;
    }
    messages.push({ role, content: (content as Loose[]).map(partText).join('\n') });
  }
  return messages;
}
