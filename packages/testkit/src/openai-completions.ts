import { createId } from './create-id';
import { defaultText, splitText } from './default-reply';
import { estimateTokens } from './estimate-tokens';
import { asArray, asNumber, asObject, asString, type JsonObject } from './json-value';
import { resolveModelSnapshot } from './model-snapshot';
import { type ProviderReply, type SseEvent, sseEvent } from './provider-reply';
import type { ScriptedReply } from './scripted-reply';

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  return asArray(prompt)
    .map((item) => (typeof item === 'string' ? item : ''))
    .join('\n');
}

/** Renders the legacy `POST /v1/completions` as a `text_completion` JSON body or SSE events. */
export function renderOpenaiCompletions(
  body: JsonObject,
  scripted: ScriptedReply | undefined,
): ProviderReply {
  const prompt = promptText(body.prompt);
  const count = Math.max(1, Math.min(asNumber(body.n) ?? 1, 128));
  const texts = Array.from({ length: count }, (_, index) => {
    if (scripted?.text !== undefined) {
      return typeof scripted.text === 'string' ? scripted.text : (scripted.text[index] ?? '');
    }
    if (scripted?.json !== undefined) return JSON.stringify(scripted.json);
    return ` ${defaultText(prompt)}`;
  });
  const id = scripted?.id ?? createId('cmpl');
  const created = Math.floor(Date.now() / 1000);
  const model = scripted?.model ?? resolveModelSnapshot(asString(body.model) ?? 'gpt-3.5-turbo-instruct');
  const promptTokens = scripted?.usage?.inputTokens ?? estimateTokens(prompt);
  const completionTokens = scripted?.usage?.outputTokens ?? Math.max(1, estimateTokens(texts.join('')));
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const finishReason = scripted?.finishReason ?? 'stop';
  if (body.stream !== true) {
    return {
      type: 'json',
      status: 200,
      body: {
        id,
        object: 'text_completion',
        created,
        model,
        choices: texts.map((text, index) => ({ text, index, logprobs: null, finish_reason: finishReason })),
        usage,
      },
    };
  }
  const includeUsage = asObject(body.stream_options)?.include_usage === true;
  const chunk = (choices: unknown[], extra: JsonObject = {}): SseEvent =>
    sseEvent({ id, object: 'text_completion', created, choices, model, ...extra });
  const events: SseEvent[] = [];
  texts.forEach((text, index) => {
    for (const part of splitText(text)) {
      events.push(chunk([{ text: part, index, logprobs: null, finish_reason: null }]));
    }
    events.push(chunk([{ text: '', index, logprobs: null, finish_reason: finishReason }]));
  });
  if (includeUsage) events.push(chunk([], { usage }));
  events.push({ data: '[DONE]' });
  return { type: 'sse', events };
}
