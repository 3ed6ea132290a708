import { createId } from './create-id';
import { exampleFromSchema } from './example-from-schema';
import type { ScriptedReply, ScriptedToolCall } from './scripted-reply';

/** A tool call with every field resolved. */
export interface ResolvedToolCall {
  id: string;
  name: string;
  /** The arguments as the JSON string that goes on the wire. */
  arguments: string;
}

/** A tool offered by the request, reduced to what the defaults need. */
export interface OfferedTool {
  name: string;
  schema: unknown;
}

/** The deterministic answer used when nothing is scripted: it quotes the start of the last user message. */
export function defaultText(lastUserText: string): string {
  const snippet = lastUserText.replace(/\s+/g, ' ').trim().slice(0, 60);
  return snippet ? `This is a mock reply to: ${snippet}` : 'This is a mock reply.';
}

/** Splits text into word-sized stream chunks (whitespace stays attached to the following word). */
export function splitText(text: string): string[] {
  const parts = text.match(/\s*\S+/g) ?? [];
  if (parts.length === 0) return text ? [text] : [];
  const trailing = text.length - parts.join('').length;
  if (trailing > 0) parts[parts.length - 1] += text.slice(text.length - trailing);
  return parts;
}

/** Splits a JSON argument string into small fragments, as providers stream tool arguments. */
export function splitJson(json: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

/**
 * Resolves the tool calls of a reply: the scripted ones, or — when nothing is scripted, the request offers
 * tools, tool choice allows them and the conversation does not end with a tool result — one call of the
 * forced tool (or the first tool) with arguments generated from its schema.
 */
export function resolveToolCalls(
  scripted: ScriptedReply | undefined,
  tools: OfferedTool[],
  options: {
    forcedName?: string;
    toolsDisabled: boolean;
    endsWithToolResult: boolean;
    idKind: 'call' | 'toolu';
  },
): ResolvedToolCall[] {
  if (scripted?.toolCalls) return scripted.toolCalls.map((call) => resolveToolCall(call, options.idKind));
  if (scripted?.text !== undefined || scripted?.json !== undefined || scripted?.refusal !== undefined)
    return [];
  if (tools.length === 0 || options.toolsDisabled || options.endsWithToolResult) return [];
  const tool = tools.find((candidate) => candidate.name === options.forcedName) ?? tools[0]!;
  return [
    {
      id: createId(options.idKind),
      name: tool.name,
      arguments: JSON.stringify(exampleFromSchema(tool.schema) ?? {}),
    },
  ];
}

function resolveToolCall(call: ScriptedToolCall, idKind: 'call' | 'toolu'): ResolvedToolCall {
  const args = call.arguments ?? {};
  return {
    id: call.id ?? createId(idKind),
    name: call.name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  };
}

/**
 * Resolves the assistant text of a reply: scripted `text`, scripted `json`, a JSON example of the requested
 * response schema (so structured-output helpers parse), or the default answer.
 */
export function resolveText(
  scripted: ScriptedReply | undefined,
  context: { lastUserText: string; responseSchema?: unknown; jsonObject?: boolean; choice?: number },
): string {
  const choice = context.choice ?? 0;
  if (scripted?.text !== undefined) {
    if (typeof scripted.text === 'string') return scripted.text;
    return scripted.text[choice] ?? scripted.text[scripted.text.length - 1] ?? '';
  }
  if (scripted?.json !== undefined) return JSON.stringify(scripted.json);
  if (context.responseSchema !== undefined) return JSON.stringify(exampleFromSchema(context.responseSchema));
  if (context.jsonObject) return JSON.stringify({ reply: defaultText(context.lastUserText) });
  const text = defaultText(context.lastUserText);
  return choice === 0 ? text : `${text} (choice ${choice + 1})`;
}

/** Extracts the text of a message `content` that is a string or an array of `{ type, text }` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string') {
        return part.text;
      }
      return '';
    })
    .join('');
}
