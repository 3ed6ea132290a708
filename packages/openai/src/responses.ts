import { type ContentMessage, normalizeOpenAIUsage, type SdkCallMapper, type Span } from '@tapline/core';
import { openAIRequestParams } from './request-params';
import { partsText, textsToContent } from './to-content';

type Body = Record<string, any>;

interface ResponsesStreamState {
  first: boolean;
  created?: any;
  final?: any;
}

function inputToContent(body: Body): ContentMessage[] | undefined {
  const out: ContentMessage[] = [];
  if (typeof body.instructions === 'string') out.push({ role: 'system', content: body.instructions });
  const input = body.input;
  if (typeof input === 'string') out.push({ role: 'user', content: input });
  else if (Array.isArray(input)) {
    for (const item of input) {
      if (item?.type === 'function_call')
        out.push({ role: 'assistant', content: `${item.name}(${item.arguments ?? ''})` });
      else if (item?.type === 'function_call_output')
        out.push({
          role: 'tool',
          content: typeof item.output === 'string' ? item.output : partsText(item.output),
        });
      else if (item?.role) out.push({ role: String(item.role), content: partsText(item.content) });
      else if (item?.type) out.push({ role: 'user', content: `[${item.type}]` });
    }
  } else if (input !== undefined) return textsToContent(input);
  return out;
}

function outputToContent(response: any): ContentMessage[] | undefined {
  const output = response?.output;
  if (!Array.isArray(output)) return undefined;
  const out: ContentMessage[] = [];
  for (const item of output) {
    if (item?.type === 'message')
      out.push({ role: String(item.role ?? 'assistant'), content: partsText(item.content) });
    else if (item?.type === 'function_call')
      out.push({ role: 'assistant', content: `${item.name}(${item.arguments ?? ''})` });
  }
  return out;
}

function finishReason(response: any): string[] | undefined {
  const status = response?.status;
  if (status === 'incomplete') return [response.incomplete_details?.reason ?? 'incomplete'];
  if (typeof status !== 'string') return undefined;
  const calls =
    Array.isArray(response.output) && response.output.some((item: any) => item?.type === 'function_call');
  return [status === 'completed' ? (calls ? 'tool_calls' : 'stop') : status];
}

function recordResponse(span: Span, response: any): void {
  if (!response || typeof response !== 'object') return;
  const output: any[] = Array.isArray(response.output) ? response.output : [];
  const names: string[] = [];
  for (const item of output) {
    if (item?.type === 'function_call' || item?.type === 'custom_tool_call') names.push(item.name);
  }
  span.set({
    responseModel: response.model,
    responseId: response.id,
    finishReasons: finishReason(response),
    toolCalls: names.length > 0 ? { count: names.length, names: [...new Set(names)] } : undefined,
  });
  const usage = normalizeOpenAIUsage(response.usage);
  if (usage) span.setUsage(usage);
  span.setOutput(() => outputToContent(response));
}

/** `responses.create` (and through it `responses.parse` and `responses.stream`), plain and streamed. */
export const responsesMapper: SdkCallMapper<Body, any, any, ResponsesStreamState> = {
  kind: 'llm',
  operation: 'chat',
  request: openAIRequestParams,
  input: inputToContent,
  result: recordResponse,
  stream: {
    start: () => ({ first: false }),
    item(span, state, event) {
      const type: string | undefined = event?.type;
      if (type === 'response.output_text.delta') {
        if (!state.first) {
          state.first = true;
          span.markFirstToken();
        }
        span.appendOutputText(event.delta);
      } else if (
        type === 'response.completed' ||
        type === 'response.incomplete' ||
        type === 'response.failed'
      ) {
        state.final = event.response;
      } else if (type === 'response.created') {
        state.created = event.response;
      } else if (!state.first && type?.endsWith('.delta')) {
        state.first = true;
        span.markFirstToken();
      }
    },
    finish(span, state) {
      if (state.final) recordResponse(span, state.final);
      else if (state.created) span.set({ responseModel: state.created.model, responseId: state.created.id });
    },
    sawEnd: (state) => state.final !== undefined,
  },
};
