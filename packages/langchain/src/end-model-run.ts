import { type LLMResultLike, llmEndFields } from './llm-end-fields';
import type { RunState } from './run-registry';
import { messageToContent } from './to-content';

/**
 * Ends a model run from its `LLMResult`: response fields, provider usage (if any), `stream: true` when tokens
 * were streamed, and the generations as output (converted lazily, in the pipeline).
 */
export function endModelRun(state: RunState, output: LLMResultLike | undefined): void {
  const { span } = state;
  const { fields, usage } = llmEndFields(output);
  if (state.streamed && state.request?.stream !== true) fields.request = { ...state.request, stream: true };
  span.set(fields);
  if (usage) span.setUsage(usage);
  const generations = output?.generations?.[0];
  if (generations && generations.length > 0)
    span.setOutput(() =>
      generations.map((generation) =>
        generation.message
          ? messageToContent(generation.message)
          : { role: 'assistant', content: generation.text ?? '' },
      ),
    );
  span.end();
}

/** True when a streamed chunk carries tool-call deltas (a first "token" without text). */
export function hasToolCallChunks(chunk: unknown): boolean {
  const calls = (chunk as { message?: { tool_call_chunks?: unknown[] } } | undefined)?.message
    ?.tool_call_chunks;
  return Array.isArray(calls) && calls.length > 0;
}
