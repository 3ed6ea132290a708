import { createId } from './create-id';
import {
  contentText,
  type OfferedTool,
  type ResolvedToolCall,
  resolveText,
  resolveToolCalls,
  splitJson,
  splitText,
} from './default-reply';
import { estimateTokens } from './estimate-tokens';
import { asArray, asNumber, asObject, asString, type JsonObject } from './json-value';
import { resolveModelSnapshot } from './model-snapshot';
import { type ProviderReply, type SseEvent, sseEvent } from './provider-reply';
import type { ScriptedReply } from './scripted-reply';

interface ChatChoice {
  index: number;
  content: string | null;
  refusal: string | null;
  toolCalls: ResolvedToolCall[];
  finishReason: string;
}

/** The chat completion `usage` object, with the details objects the real API always sends. */
export function openaiChatUsage(
  scripted: ScriptedReply | undefined,
  promptText: string,
  outputText: string,
): JsonObject {
  const usage = scripted?.usage ?? {};
  const promptTokens = usage.inputTokens ?? estimateTokens(promptText) + 7;
  const completionTokens = usage.outputTokens ?? Math.max(1, estimateTokens(outputText));
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function offeredTools(body: JsonObject): OfferedTool[] {
  return asArray(body.tools).flatMap((tool) => {
    const fn = asObject(asObject(tool)?.function);
    const name = asString(fn?.name);
    return name ? [{ name, schema: fn?.parameters }] : [];
  });
}

function choicesFor(body: JsonObject, scripted: ScriptedReply | undefined): ChatChoice[] {
  const messages = asArray(body.messages).map((message) => asObject(message) ?? {});
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const toolChoice = body.tool_choice;
  const forcedName = asString(asObject(asObject(toolChoice)?.function)?.name);
  const responseFormat = asObject(body.response_format);
  const responseSchema =
    responseFormat?.type === 'json_schema' ? asObject(responseFormat.json_schema)?.schema : undefined;
  const count = Math.max(1, Math.min(asNumber(body.n) ?? 1, 128));
  const choices: ChatChoice[] = [];
  for (let index = 0; index < count; index++) {
    const toolCalls = resolveToolCalls(scripted, offeredTools(body), {
      forcedName,
      toolsDisabled: toolChoice === 'none',
      endsWithToolResult: messages[messages.length - 1]?.role === 'tool',
      idKind: 'call',
    });
    const refusal = scripted?.refusal ?? null;
    const hasText = scripted?.text !== undefined || scripted?.json !== undefined;
    const content =
      refusal !== null || (toolCalls.length > 0 && !hasText)
        ? null
        : resolveText(scripted, {
            lastUserText: contentText(lastUser?.content),
            responseSchema,
            jsonObject: responseFormat?.type === 'json_object',
            choice: index,
          });
    const finishReason = scripted?.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
    choices.push({ index, content, refusal, toolCalls, finishReason });
  }
  return choices;
}

function outputText(choices: ChatChoice[]): string {
  return choices
    .map(
      (choice) =>
        (choice.content ?? '') + (choice.refusal ?? '') + choice.toolCalls.map((c) => c.arguments).join(''),
    )
    .join('');
}

/** Renders `POST /v1/chat/completions` as a `chat.completion` JSON body or `chat.completion.chunk` SSE events. */
export function renderOpenaiChat(body: JsonObject, scripted: ScriptedReply | undefined): ProviderReply {
  const choices = choicesFor(body, scripted);
  const id = scripted?.id ?? createId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const model = scripted?.model ?? resolveModelSnapshot(asString(body.model) ?? 'gpt-4o-mini');
  const usage = openaiChatUsage(scripted, JSON.stringify(body.messages ?? ''), outputText(choices));
  const fingerprint = 'fp_mock0000000';
  if (body.stream !== true) {
    return {
      type: 'json',
      status: 200,
      body: {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: choices.map((choice) => ({
          index: choice.index,
          message: {
            role: 'assistant',
            content: choice.content,
            refusal: choice.refusal,
            ...(choice.toolCalls.length > 0
              ? {
                  tool_calls: choice.toolCalls.map((call) => ({
                    id: call.id,
                    type: 'function',
                    function: { name: call.name, arguments: call.arguments },
                  })),
                }
              : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: choice.finishReason,
        })),
        usage,
        service_tier: 'default',
        system_fingerprint: fingerprint,
      },
    };
  }
  const includeUsage = asObject(body.stream_options)?.include_usage === true;
  const chunk = (choiceDeltas: unknown[]): SseEvent =>
    sseEvent({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: fingerprint,
      choices: choiceDeltas,
      ...(includeUsage ? { usage: null } : {}),
    });
  const delta = (index: number, value: JsonObject, finishReason: string | null = null) => ({
    index,
    delta: value,
    logprobs: null,
    finish_reason: finishReason,
  });
  const events: SseEvent[] = [];
  for (const choice of choices) {
    const i = choice.index;
    if (choice.refusal !== null) {
      events.push(chunk([delta(i, { role: 'assistant', content: null, refusal: '' })]));
      for (const part of splitText(choice.refusal)) events.push(chunk([delta(i, { refusal: part })]));
    } else if (choice.content === null) {
      events.push(chunk([delta(i, { role: 'assistant', content: null, refusal: null })]));
    } else {
      events.push(chunk([delta(i, { role: 'assistant', content: '', refusal: null })]));
      for (const part of splitText(choice.content)) events.push(chunk([delta(i, { content: part })]));
    }
    choice.toolCalls.forEach((call, callIndex) => {
      events.push(
        chunk([
          delta(i, {
            tool_calls: [
              {
                index: callIndex,
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: '' },
              },
            ],
          }),
        ]),
      );
      for (const part of splitJson(call.arguments)) {
        events.push(chunk([delta(i, { tool_calls: [{ index: callIndex, function: { arguments: part } }] })]));
      }
    });
    events.push(chunk([delta(i, {}, choice.finishReason)]));
  }
  if (includeUsage) {
    events.push(
      sseEvent({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        service_tier: 'default',
        system_fingerprint: fingerprint,
        choices: [],
        usage,
      }),
    );
  }
  events.push({ data: '[DONE]' });
  return { type: 'sse', events };
}
