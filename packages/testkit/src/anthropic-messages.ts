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

type ContentBlock = JsonObject & { type: string };

function lastUserText(messages: JsonObject[]): string {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  return contentText(lastUser?.content);
}

function endsWithToolResult(messages: JsonObject[]): boolean {
  const last = messages[messages.length - 1];
  return asArray(last?.content).some((block) => asObject(block)?.type === 'tool_result');
}

function offeredTools(body: JsonObject): OfferedTool[] {
  return asArray(body.tools).flatMap((tool) => {
    const entry = asObject(tool);
    const name = asString(entry?.name);
    return name && entry?.input_schema !== undefined ? [{ name, schema: entry.input_schema }] : [];
  });
}

function contentBlocks(body: JsonObject, scripted: ScriptedReply | undefined): ContentBlock[] {
  const messages = asArray(body.messages).map((message) => asObject(message) ?? {});
  const toolChoice = asObject(body.tool_choice);
  const blocks: ContentBlock[] = [];
  const thinkingRequested = asObject(body.thinking)?.type === 'enabled';
  const thinking =
    scripted?.thinking ??
    (thinkingRequested && !scripted ? { text: 'Let me think about this request.' } : undefined);
  if (thinking) {
    blocks.push({
      type: 'thinking',
      thinking: thinking.text,
      signature: thinking.signature ?? Buffer.from(`mock-signature:${thinking.text}`).toString('base64'),
    });
  }
  const toolCalls = resolveToolCalls(scripted, offeredTools(body), {
    forcedName: toolChoice?.type === 'tool' ? asString(toolChoice.name) : undefined,
    toolsDisabled: toolChoice?.type === 'none',
    endsWithToolResult: endsWithToolResult(messages),
    idKind: 'toolu',
  });
  const hasText = scripted?.text !== undefined || scripted?.json !== undefined;
  if (toolCalls.length === 0 || hasText) {
    blocks.push({ type: 'text', text: resolveText(scripted, { lastUserText: lastUserText(messages) }) });
  }
  for (const call of toolCalls) {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: JSON.parse(call.arguments) as unknown,
    });
  }
  return blocks;
}

function blockText(block: ContentBlock): string {
  if (block.type === 'tool_use') return JSON.stringify(block.input);
  return asString(block.text) ?? asString(block.thinking) ?? '';
}

/**
 * Renders `POST /v1/messages` as a `message` JSON body or Anthropic's SSE events
 * (`message_start`, `content_block_start/delta/stop`, `ping`, `message_delta`, `message_stop`).
 */
export function renderAnthropicMessages(
  body: JsonObject,
  scripted: ScriptedReply | undefined,
): ProviderReply {
  const blocks = contentBlocks(body, scripted);
  const scriptedUsage = scripted?.usage ?? {};
  const inputTokens =
    scriptedUsage.inputTokens ??
    estimateTokens(JSON.stringify(body.messages ?? '') + JSON.stringify(body.system ?? ''));
  const outputTokens =
    scriptedUsage.outputTokens ?? Math.max(1, estimateTokens(blocks.map(blockText).join('')));
  const cacheCreation = scriptedUsage.cacheCreationInputTokens ?? 0;
  const cacheRead = scriptedUsage.cachedInputTokens ?? 0;
  const stopReason =
    scripted?.finishReason ?? (blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const message = {
    id: scripted?.id ?? createId('msg'),
    type: 'message',
    role: 'assistant',
    model: scripted?.model ?? resolveModelSnapshot(asString(body.model) ?? 'claude-sonnet-4-5'),
    content: blocks,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: inputTokens,
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: cacheCreation, ephemeral_1h_input_tokens: 0 },
      output_tokens: outputTokens,
      service_tier: 'standard',
    },
  };
  if (body.stream !== true) return { type: 'json', status: 200, body: message };

  const events: SseEvent[] = [];
  const emit = (type: string, payload: JsonObject) => events.push(sseEvent({ type, ...payload }, type));
  emit('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...message.usage, output_tokens: 1 },
    },
  });
  blocks.forEach((block, index) => {
    if (block.type === 'thinking') {
      emit('content_block_start', {
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      for (const part of splitText(String(block.thinking))) {
        emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: part } });
      }
      emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'tool_use') {
      emit('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const part of splitJson(JSON.stringify(block.input))) {
        emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
      }
    } else {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      if (index === 0) emit('ping', {});
      for (const part of splitText(String(block.text))) {
        emit('content_block_delta', { index, delta: { type: 'text_delta', text: part } });
      }
    }
    emit('content_block_stop', { index });
  });
  emit('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: {
      input_tokens: inputTokens,
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
      output_tokens: outputTokens,
    },
  });
  emit('message_stop', {});
  return { type: 'sse', events };
}
