import type { ChatFunctionInput, ChatToolInput } from './chat-message-input';
import type { TokenEncodingName } from './encoding-for-model';
import type { TextCounter } from './text-counter';

interface ToolOverheads {
  functionStart: number;
  propertiesStart: number;
  propertyKey: number;
  enumStart: number;
  enumItem: number;
  end: number;
}

// From OpenAI's cookbook "How to count tokens with tiktoken", section 7 (num_tokens_for_tools):
// https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
// gpt-4o/gpt-4o-mini use the first set, gpt-3.5-turbo/gpt-4 the second. Newer o200k models are counted with the
// gpt-4o constants (an approximation: OpenAI publishes no constants for them).
const O200K_OVERHEADS: ToolOverheads = {
  functionStart: 7,
  propertiesStart: 3,
  propertyKey: 3,
  enumStart: -3,
  enumItem: 3,
  end: 12,
};
const CL100K_OVERHEADS: ToolOverheads = { ...O200K_OVERHEADS, functionStart: 10 };

function stripPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function functionOf(tool: ChatToolInput): ChatFunctionInput | undefined {
  if (tool.function && typeof tool.function.name === 'string') return tool.function;
  if (typeof tool.name === 'string')
    return { name: tool.name, description: tool.description, parameters: tool.parameters };
  return undefined;
}

/**
 * Tokens the tool (function) definitions add to a prompt, by the cookbook's rule: per function its start overhead
 * and `name:description`; per property its key overhead and `name:type:description`; enum values with their own
 * overhead; one closing overhead for the whole list. Non-function tools (built-ins) count nothing.
 */
export function countToolTokens(
  tools: readonly ChatToolInput[],
  counter: TextCounter,
  encoding: TokenEncodingName | undefined = counter.encoding,
): number {
  const overheads = encoding === 'o200k_base' || encoding === undefined ? O200K_OVERHEADS : CL100K_OVERHEADS;
  let tokens = 0;
  let functions = 0;
  for (const tool of tools) {
    const fn = functionOf(tool);
    if (!fn) continue;
    functions++;
    tokens += overheads.functionStart;
    tokens += counter.count(`${fn.name}:${stripPeriod(fn.description ?? '')}`);
    const properties = fn.parameters?.properties;
    const keys = properties ? Object.keys(properties) : [];
    if (keys.length === 0) continue;
    tokens += overheads.propertiesStart;
    for (const key of keys) {
      tokens += overheads.propertyKey;
      const property = properties![key] ?? {};
      if (Array.isArray(property.enum)) {
        tokens += overheads.enumStart;
        for (const item of property.enum) tokens += overheads.enumItem + counter.count(String(item));
      }
      const type = Array.isArray(property.type) ? property.type.join('|') : (property.type ?? '');
      tokens += counter.count(`${key}:${type}:${stripPeriod(property.description ?? '')}`);
    }
  }
  return functions > 0 ? tokens + overheads.end : 0;
}
