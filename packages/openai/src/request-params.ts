import type { SpanRequestParams } from '@tapline/core';

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function toolChoice(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  }
  return undefined;
}

function put<K extends keyof SpanRequestParams>(out: SpanRequestParams, key: K, value: SpanRequestParams[K]) {
  if (value !== undefined) out[key] = value;
}

/** Request parameters of an OpenAI chat, Responses or legacy completions body, as the span records them. */
export function openAIRequestParams(body: Record<string, any>): SpanRequestParams {
  const out: SpanRequestParams = {};
  put(out, 'temperature', num(body.temperature));
  put(
    out,
    'maxTokens',
    num(body.max_completion_tokens) ?? num(body.max_tokens) ?? num(body.max_output_tokens),
  );
  put(out, 'topP', num(body.top_p));
  put(out, 'frequencyPenalty', num(body.frequency_penalty));
  put(out, 'presencePenalty', num(body.presence_penalty));
  put(out, 'seed', num(body.seed));
  const stop = body.stop;
  put(out, 'stopSequences', typeof stop === 'string' ? 1 : Array.isArray(stop) ? stop.length : undefined);
  if (body.stream === true) out.stream = true;
  put(out, 'toolCount', Array.isArray(body.tools) ? body.tools.length : undefined);
  put(out, 'toolChoice', toolChoice(body.tool_choice));
  const format = body.response_format?.type ?? body.text?.format?.type;
  put(out, 'responseFormat', typeof format === 'string' ? format : undefined);
  put(out, 'n', num(body.n));
  const effort = body.reasoning_effort ?? body.reasoning?.effort;
  put(out, 'reasoningEffort', typeof effort === 'string' ? effort : undefined);
  return out;
}
