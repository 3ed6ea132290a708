import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ContentMessage, SpanRecord } from '@tapline/core';

/** The version of the OpenTelemetry GenAI semantic conventions this mapping follows (Development stability). */
export const GEN_AI_SEMCONV_VERSION = '1.41.0';

const OPERATION_BY_KIND: Partial<Record<SpanRecord['kind'], string>> = {
  llm: 'chat',
  embedding: 'embeddings',
  tool: 'execute_tool',
  agent: 'invoke_agent',
};

/** Tapline provider ids → `gen_ai.provider.name` well-known values; others pass through unchanged. */
const PROVIDER_NAMES: Record<string, string> = {
  azure: 'azure.ai.openai',
  'azure-openai': 'azure.ai.openai',
  bedrock: 'aws.bedrock',
  'amazon-bedrock': 'aws.bedrock',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  'google-vertex': 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
};

/** `gen_ai.operation.name` of a span, or undefined for chain/retriever/custom spans (not GenAI operations). */
export function operationName(record: SpanRecord): string | undefined {
  if (record.operation) return record.operation;
  return OPERATION_BY_KIND[record.kind];
}

/** `gen_ai.provider.name` of a span: Tapline's provider id mapped onto the well-known values. */
export function providerName(record: SpanRecord): string | undefined {
  return record.provider ? (PROVIDER_NAMES[record.provider] ?? record.provider) : undefined;
}

/** Span name per the conventions: `{gen_ai.operation.name} {gen_ai.request.model}`, else the span's own name. */
export function spanName(record: SpanRecord): string {
  const operation = operationName(record);
  const model = record.requestModel ?? record.responseModel;
  if (operation && model) return `${operation} ${model}`;
  return operation ?? record.name;
}

function messages(list: ContentMessage[]): string {
  return JSON.stringify(
    list.map((message) => ({
      role: message.role,
      ...(message.name ? { name: message.name } : {}),
      parts: [{ type: 'text', content: message.content }],
    })),
  );
}

function set(attributes: Attributes, key: string, value: AttributeValue | undefined | null): void {
  if (value !== undefined && value !== null) attributes[key] = value;
}

/** Flattens metadata into `tapline.metadata.<key>`: primitives as is, arrays of strings as is, others as JSON. */
function metadata(attributes: Attributes, record: SpanRecord): void {
  if (!record.metadata) return;
  for (const [key, value] of Object.entries(record.metadata)) {
    const name = `tapline.metadata.${key}`;
    if (value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      attributes[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      attributes[name] = value;
    else attributes[name] = JSON.stringify(value);
  }
}

/** The OTLP attributes of a span: `gen_ai.*` per the conventions, Tapline's own fields under `tapline.`. */
export function genAiAttributes(record: SpanRecord): Attributes {
  const a: Attributes = {};
  const operation = operationName(record);
  set(a, 'gen_ai.operation.name', operation);
  set(a, 'gen_ai.provider.name', providerName(record));
  set(a, 'gen_ai.request.model', record.requestModel);
  set(a, 'gen_ai.response.model', record.responseModel);
  set(a, 'gen_ai.response.id', record.responseId);
  set(a, 'gen_ai.response.finish_reasons', record.finishReasons);
  const request = record.request;
  if (request) {
    set(a, 'gen_ai.request.temperature', request.temperature);
    set(a, 'gen_ai.request.max_tokens', request.maxTokens);
    set(a, 'gen_ai.request.top_p', request.topP);
    set(a, 'gen_ai.request.top_k', request.topK);
    set(a, 'gen_ai.request.frequency_penalty', request.frequencyPenalty);
    set(a, 'gen_ai.request.presence_penalty', request.presencePenalty);
    set(a, 'gen_ai.request.seed', request.seed);
    set(a, 'gen_ai.request.choice.count', request.n);
    set(a, 'tapline.request.stream', request.stream);
    set(a, 'tapline.request.tool_count', request.toolCount);
    set(a, 'tapline.request.tool_choice', request.toolChoice);
    set(a, 'tapline.request.response_format', request.responseFormat);
    set(a, 'tapline.request.reasoning_effort', request.reasoningEffort);
    set(a, 'tapline.request.stop_sequence_count', request.stopSequences);
  }
  const usage = record.usage;
  if (usage) {
    // Input and output include cached reads, cache writes and reasoning, as the conventions ask.
    set(a, 'gen_ai.usage.input_tokens', usage.input);
    set(a, 'gen_ai.usage.output_tokens', usage.output);
    set(a, 'gen_ai.usage.cache_read.input_tokens', usage.cachedInput);
    set(a, 'gen_ai.usage.cache_creation.input_tokens', usage.cacheWrite);
    set(a, 'gen_ai.usage.reasoning.output_tokens', usage.reasoning);
    set(a, 'tapline.usage.total_tokens', usage.total);
    set(a, 'tapline.usage.source', usage.source);
  }
  if (record.status === 'error' || record.error) set(a, 'error.type', record.error?.type ?? '_OTHER');
  set(a, 'tapline.status', record.status);
  set(a, 'tapline.error.code', record.error?.code);
  set(a, 'tapline.error.http_status', record.error?.httpStatus);
  set(a, 'tapline.span.kind', record.kind);
  set(a, 'tapline.span.name', record.name);
  set(a, 'tapline.ttft_ms', record.ttftMs);
  set(a, 'tapline.duration_ms', record.durationMs);
  if (record.cost) {
    set(a, 'tapline.cost.usd', record.cost.total);
    set(a, 'tapline.cost.input_usd', record.cost.input);
    set(a, 'tapline.cost.output_usd', record.cost.output);
    set(a, 'tapline.cost.price_version', record.cost.priceVersion);
  }
  set(a, 'tapline.tool_calls.count', record.toolCalls?.count);
  set(a, 'tapline.tool_calls.names', record.toolCalls?.names);
  set(a, 'tapline.user_id_hash', record.userIdHash);
  set(a, 'tapline.session_id_hash', record.sessionIdHash);
  set(a, 'tapline.prompt_hash', record.promptHash);
  set(a, 'tapline.pii_categories', record.piiCategories);
  set(a, 'tapline.credential_fingerprint', record.credentialFingerprint);
  set(a, 'tapline.flags.sampled', record.flags.sampled);
  set(a, 'tapline.flags.pii_detected', record.flags.piiDetected);
  set(a, 'tapline.flags.injection_suspected', record.flags.injectionSuspected);
  set(a, 'tapline.flags.content_captured', record.flags.contentCaptured);
  set(a, 'tapline.flags.truncated', record.flags.truncated);
  set(a, 'tapline.sdk.integration', record.sdk.integration);
  set(a, 'tapline.schema_version', record.schemaVersion);
  if (record.content) {
    if (record.content.input) a['gen_ai.input.messages'] = messages(record.content.input);
    if (record.content.output) a['gen_ai.output.messages'] = messages(record.content.output);
    a['tapline.content.mode'] = record.content.mode;
  }
  metadata(a, record);
  return a;
}
