import type { SpanFields, SpanRequestParams } from '@tapline/core';

/** The parts of LangChain's `Serialized` the handler reads. */
export interface SerializedLike {
  id?: string[];
  name?: string;
  kwargs?: Record<string, unknown>;
}

type Params = Record<string, unknown>;

/** LangChain `ls_provider` values that differ from Tapline's provider names. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  azure_openai: 'azure',
  azure: 'azure',
  google_genai: 'gemini',
  google: 'gemini',
  google_vertexai: 'gcp.vertex_ai',
  vertexai: 'gcp.vertex_ai',
  bedrock: 'aws.bedrock',
  amazon_bedrock: 'aws.bedrock',
  mistralai: 'mistral',
  xai: 'xai',
  fireworks: 'fireworks',
  togetherai: 'together',
};

/** The class name at the end of a serialized id, e.g. `ChatOpenAI`. */
export function className(serialized: SerializedLike | undefined): string | undefined {
  const id = serialized?.id;
  return Array.isArray(id) && id.length > 0 ? id[id.length - 1] : serialized?.name;
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Tapline's provider name from `ls_provider`, or from a chat model's class name (`ChatGroq` → `groq`). */
export function providerName(metadata: Params | undefined, serialized: SerializedLike | undefined): string {
  const fromMetadata = string(metadata?.ls_provider)?.toLowerCase();
  if (fromMetadata) return PROVIDER_ALIASES[fromMetadata] ?? fromMetadata;
  const name = className(serialized);
  if (name?.startsWith('Chat') && name.length > 4) {
    const provider = name.slice(4).toLowerCase();
    return PROVIDER_ALIASES[provider] ?? provider;
  }
  return 'langchain';
}

/** The requested model: `ls_model_name`, the invocation params, or the constructor's kwargs. */
export function requestModel(
  metadata: Params | undefined,
  invocation: Params | undefined,
  serialized: SerializedLike | undefined,
): string | undefined {
  const kwargs = serialized?.kwargs;
  return (
    string(metadata?.ls_model_name) ??
    string(invocation?.model) ??
    string(invocation?.model_name) ??
    string(invocation?.modelName) ??
    string(kwargs?.model) ??
    string(kwargs?.model_name) ??
    string(kwargs?.modelName)
  );
}

function toolChoice(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return string((value as Params).type);
  return undefined;
}

/** Request parameters from a chat model's `invocation_params` (OpenAI and Anthropic spellings). */
export function requestParams(
  invocation: Params | undefined,
  metadata?: Params,
): SpanRequestParams | undefined {
  const p = invocation ?? {};
  const request: SpanRequestParams = {};
  const temperature = number(p.temperature) ?? number(metadata?.ls_temperature);
  if (temperature !== undefined) request.temperature = temperature;
  const maxTokens =
    number(p.max_tokens) ??
    number(p.max_completion_tokens) ??
    number(p.max_output_tokens) ??
    number(p.maxTokens) ??
    number(metadata?.ls_max_tokens);
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  const topP = number(p.top_p) ?? number(p.topP);
  if (topP !== undefined) request.topP = topP;
  const topK = number(p.top_k) ?? number(p.topK);
  if (topK !== undefined) request.topK = topK;
  const frequencyPenalty = number(p.frequency_penalty);
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;
  const presencePenalty = number(p.presence_penalty);
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const seed = number(p.seed);
  if (seed !== undefined) request.seed = seed;
  const stop = p.stop ?? p.stop_sequences ?? metadata?.ls_stop;
  if (Array.isArray(stop) && stop.length > 0) request.stopSequences = stop.length;
  if (typeof p.stream === 'boolean') request.stream = p.stream;
  if (Array.isArray(p.tools)) request.toolCount = p.tools.length;
  const choice = toolChoice(p.tool_choice);
  if (choice !== undefined) request.toolChoice = choice;
  const format = toolChoice(p.response_format);
  if (format !== undefined) request.responseFormat = format;
  const n = number(p.n);
  if (n !== undefined) request.n = n;
  const effort =
    string(p.reasoning_effort) ?? string((p.reasoning as Params | undefined)?.effort) ?? undefined;
  if (effort !== undefined) request.reasoningEffort = effort;
  for (const _ in request) return request;
  return undefined;
}

/** Start-time fields of an LLM or chat-model span. */
export function modelFields(
  serialized: SerializedLike | undefined,
  extraParams: Params | undefined,
  metadata: Params | undefined,
  operation: 'chat' | 'text_completion',
): SpanFields {
  const invocation = extraParams?.invocation_params as Params | undefined;
  const fields: SpanFields = { provider: providerName(metadata, serialized), operation };
  const model = requestModel(metadata, invocation, serialized);
  if (model !== undefined) fields.requestModel = model;
  const request = requestParams(invocation, metadata);
  if (request !== undefined) fields.request = request;
  return fields;
}
