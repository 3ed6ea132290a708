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

/** Request parameters of an OpenAI chat, Responses or legacy completions body, as the span records them. */
export function openAIRequestParams(body: Record<string, any>): SpanRequestParams {
  // Runs in the pipeline (on the body snapshot taken at the call): plain reads and named stores, in record order.
  const out: SpanRequestParams = {};
  const temperature = num(body.temperature);
  if (temperature !== undefined) out.temperature = temperature;
  const maxTokens = num(body.max_completion_tokens) ?? num(body.max_tokens) ?? num(body.max_output_tokens);
  if (maxTokens !== undefined) out.maxTokens = maxTokens;
  const topP = num(body.top_p);
  if (topP !== undefined) out.topP = topP;
  const frequencyPenalty = num(body.frequency_penalty);
  if (frequencyPenalty !== undefined) out.frequencyPenalty = frequencyPenalty;
  const presencePenalty = num(body.presence_penalty);
  if (presencePenalty !== undefined) out.presencePenalty = presencePenalty;
  const seed = num(body.seed);
  if (seed !== undefined) out.seed = seed;
  const stop = body.stop;
  if (typeof stop === 'string') out.stopSequences = 1;
  else if (Array.isArray(stop)) out.stopSequences = stop.length;
  if (body.stream === true) out.stream = true;
  const tools = body.tools;
  if (Array.isArray(tools)) out.toolCount = tools.length;
  const choice = toolChoice(body.tool_choice);
  if (choice !== undefined) out.toolChoice = choice;
  const format = body.response_format?.type ?? body.text?.format?.type;
  if (typeof format === 'string') out.responseFormat = format;
  const n = num(body.n);
  if (n !== undefined) out.n = n;
  const effort = body.reasoning_effort ?? body.reasoning?.effort;
  if (typeof effort === 'string') out.reasoningEffort = effort;
  return out;
}
