import { createId } from './create-id';
import {
  contentText,
  type OfferedTool,
  resolveText,
  resolveToolCalls,
  splitJson,
  splitText,
} from './default-reply';
import { estimateTokens } from './estimate-tokens';
import { asArray, asObject, asString, type JsonObject } from './json-value';
import { resolveModelSnapshot } from './model-snapshot';
import { type ProviderReply, type SseEvent, sseEvent } from './provider-reply';
import type { ScriptedReply } from './scripted-reply';

type OutputItem = JsonObject & { id: string; type: string };

function lastUserText(input: unknown): string {
  if (typeof input === 'string') return input;
  const items = asArray(input).map((item) => asObject(item) ?? {});
  const lastUser = [...items].reverse().find((item) => item.role === 'user');
  return contentText(lastUser?.content);
}

function offeredTools(body: JsonObject): OfferedTool[] {
  return asArray(body.tools).flatMap((tool) => {
    const entry = asObject(tool);
    const name = asString(entry?.name);
    return entry?.type === 'function' && name ? [{ name, schema: entry.parameters }] : [];
  });
}

function outputItems(body: JsonObject, scripted: ScriptedReply | undefined): OutputItem[] {
  const inputItems = asArray(body.input).map((item) => asObject(item) ?? {});
  const toolCalls = resolveToolCalls(scripted, offeredTools(body), {
    forcedName: asString(asObject(body.tool_choice)?.name),
    toolsDisabled: body.tool_choice === 'none',
    endsWithToolResult: inputItems[inputItems.length - 1]?.type === 'function_call_output',
    idKind: 'call',
  });
  const items: OutputItem[] = [];
  const hasText = scripted?.text !== undefined || scripted?.json !== undefined;
  if (scripted?.refusal !== undefined) {
    items.push(message([{ type: 'refusal', refusal: scripted.refusal }]));
  } else if (toolCalls.length === 0 || hasText) {
    const format = asObject(asObject(body.text)?.format);
    const text = resolveText(scripted, {
      lastUserText: lastUserText(body.input),
      responseSchema: format?.type === 'json_schema' ? format.schema : undefined,
      jsonObject: format?.type === 'json_object',
    });
    items.push(message([{ type: 'output_text', annotations: [], logprobs: [], text }]));
  }
  for (const call of toolCalls) {
    items.push({
      id: createId('fc'),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: call.id,
      name: call.name,
    });
  }
  return items;
}

function message(content: JsonObject[]): OutputItem {
  return { id: createId('msg-item'), type: 'message', status: 'completed', content, role: 'assistant' };
}

function itemText(item: OutputItem): string {
  if (item.type === 'function_call') return String(item.arguments);
  return asArray(item.content)
    .map((part) => asString(asObject(part)?.text) ?? asString(asObject(part)?.refusal) ?? '')
    .join('');
}

/** Renders `POST /v1/responses` as a `response` JSON body or the Responses API's typed SSE events. */
export function renderOpenaiResponses(body: JsonObject, scripted: ScriptedReply | undefined): ProviderReply {
  const items = outputItems(body, scripted);
  const scriptedUsage = scripted?.usage ?? {};
  const inputTokens =
    scriptedUsage.inputTokens ??
    estimateTokens(JSON.stringify(body.input ?? '') + (asString(body.instructions) ?? ''));
  const outputTokens =
    scriptedUsage.outputTokens ?? Math.max(1, estimateTokens(items.map(itemText).join('')));
  const usage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: scriptedUsage.cachedInputTokens ?? 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: scriptedUsage.reasoningTokens ?? 0 },
    total_tokens: inputTokens + outputTokens,
  };
  const incomplete = scripted?.finishReason === 'max_output_tokens';
  const base: JsonObject = {
    id: scripted?.id ?? createId('resp'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: scripted?.model ?? resolveModelSnapshot(asString(body.model) ?? 'gpt-4o-mini'),
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: body.metadata ?? {},
  };
  const final: JsonObject = {
    ...base,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output: items,
    usage,
  };
  if (body.stream !== true) return { type: 'json', status: 200, body: final };

  let sequence = 0;
  const events: SseEvent[] = [];
  const emit = (type: string, payload: JsonObject) => {
    events.push(sseEvent({ type, ...payload, sequence_number: sequence++ }, type));
  };
  emit('response.created', { response: base });
  emit('response.in_progress', { response: base });
  items.forEach((item, outputIndex) => {
    if (item.type === 'function_call') {
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const part of splitJson(String(item.arguments))) {
        emit('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index: outputIndex,
          delta: part,
        });
      }
      emit('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: outputIndex,
        arguments: item.arguments,
      });
    } else {
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      asArray(item.content).forEach((rawPart, contentIndex) => {
        const part = asObject(rawPart) ?? {};
        const where = { item_id: item.id, output_index: outputIndex, content_index: contentIndex };
        if (part.type === 'refusal') {
          const refusal = String(part.refusal);
          emit('response.content_part.added', { ...where, part: { type: 'refusal', refusal: '' } });
          for (const delta of splitText(refusal)) emit('response.refusal.delta', { ...where, delta });
          emit('response.refusal.done', { ...where, refusal });
        } else {
          const text = String(part.text);
          emit('response.content_part.added', {
            ...where,
            part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
          });
          for (const delta of splitText(text))
            emit('response.output_text.delta', { ...where, delta, logprobs: [] });
          emit('response.output_text.done', { ...where, text, logprobs: [] });
        }
        emit('response.content_part.done', { ...where, part });
      });
    }
    emit('response.output_item.done', { output_index: outputIndex, item });
  });
  emit(incomplete ? 'response.incomplete' : 'response.completed', { response: final });
  return { type: 'sse', events };
}

/** The Responses API in-stream error event payload. */
export function openaiResponsesStreamError(
  error: { type?: string; message?: string },
  sequenceNumber: number,
): JsonObject {
  return {
    type: 'error',
    code: error.type ?? 'server_error',
    message: error.message ?? 'The server had an error while processing your request. Sorry about that!',
    param: null,
    sequence_number: sequenceNumber,
  };
}
