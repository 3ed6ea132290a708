import { addUsage, type SpanFields, type UsageInput } from '@tapline/core';
import {
  type TokenUsageLike,
  type UsageMetadataLike,
  usageFromMetadata,
  usageFromTokenUsage,
} from './map-usage';

interface AIMessageLike {
  id?: string;
  content?: unknown;
  usage_metadata?: UsageMetadataLike;
  response_metadata?: Record<string, unknown>;
  tool_calls?: Array<{ name?: string }>;
  getType?: () => string;
  _getType?: () => string;
}

export interface GenerationLike {
  text?: string;
  message?: AIMessageLike;
  generationInfo?: Record<string, unknown>;
}

/** The parts of LangChain's `LLMResult` the handler reads. */
export interface LLMResultLike {
  generations?: GenerationLike[][];
  llmOutput?: Record<string, unknown>;
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Response fields and provider usage of a finished model run: usage from the messages' `usage_metadata`, else
 * `llmOutput.tokenUsage`; none when neither exists (core's token stage then counts and marks it `tokenizer`).
 * Reads properties only.
 */
export function llmEndFields(output: LLMResultLike | undefined): { fields: SpanFields; usage?: UsageInput } {
  const fields: SpanFields = {};
  const generations = output?.generations?.[0] ?? [];
  const llmOutput = output?.llmOutput;
  let usage: UsageInput | undefined;
  const finishReasons: string[] = [];
  const toolNames: string[] = [];
  let toolCount = 0;
  for (const generation of generations) {
    const message = generation?.message;
    const metadata = message?.response_metadata;
    const reason =
      string(generation?.generationInfo?.finish_reason) ??
      string(metadata?.finish_reason) ??
      string(metadata?.stop_reason);
    if (reason) finishReasons.push(reason);
    if (!message) continue;
    const messageUsage = usageFromMetadata(message.usage_metadata);
    if (messageUsage) usage = usage ? addUsage(usage, messageUsage) : messageUsage;
    if (Array.isArray(message.tool_calls))
      for (const call of message.tool_calls) {
        toolCount++;
        if (typeof call?.name === 'string' && !toolNames.includes(call.name)) toolNames.push(call.name);
      }
    if (fields.responseModel === undefined) {
      const model = string(metadata?.model_name) ?? string(metadata?.model);
      if (model) fields.responseModel = model;
    }
    if (fields.responseId === undefined) {
      const id =
        string(metadata?.id) ?? (message.id && !message.id.startsWith('run-') ? message.id : undefined);
      if (id) fields.responseId = id;
    }
  }
  if (!usage && llmOutput) usage = usageFromTokenUsage(llmOutput.tokenUsage as TokenUsageLike | undefined);
  if (llmOutput) {
    fields.responseModel ??= string(llmOutput.model_name) ?? string(llmOutput.model);
    fields.responseId ??= string(llmOutput.id);
    if (fields.responseModel === undefined) delete fields.responseModel;
    if (fields.responseId === undefined) delete fields.responseId;
  }
  if (finishReasons.length > 0) fields.finishReasons = finishReasons;
  if (toolCount > 0) fields.toolCalls = { count: toolCount, names: toolNames };
  return usage ? { fields, usage } : { fields };
}
