import type { ImageDetail } from './image-tokens';

/**
 * A content part of a chat message, in OpenAI's shape (`text`, `image_url`, `input_audio` …). Image parts may carry
 * their pixel size (`width`/`height` on the part or inside `image_url`), which OpenAI's request does not include.
 */
export interface ChatContentPart {
  type: string;
  text?: string;
  image_url?: string | { url?: string; detail?: ImageDetail; width?: number; height?: number };
  width?: number;
  height?: number;
  detail?: ImageDetail;
}

export interface ChatToolCallInput {
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** A chat message as OpenAI's Chat Completions API takes it; Tapline's `ContentMessage` fits too. */
export interface ChatMessageInput {
  role: string;
  content?: string | readonly ChatContentPart[] | null;
  name?: string;
  tool_calls?: readonly ChatToolCallInput[];
  tool_call_id?: string;
}

/** A JSON-Schema property of a function tool. */
export interface ToolParameterInput {
  type?: string | string[];
  description?: string;
  enum?: readonly unknown[];
  [key: string]: unknown;
}

/** A tool definition in Chat Completions form (`{ type: 'function', function: {...} }`) or the flat Responses form. */
export interface ChatToolInput {
  type?: string;
  function?: ChatFunctionInput;
  name?: string;
  description?: string;
  parameters?: ChatFunctionInput['parameters'];
}

export interface ChatFunctionInput {
  name: string;
  description?: string;
  parameters?: { type?: string; properties?: Record<string, ToolParameterInput>; [key: string]: unknown };
}
