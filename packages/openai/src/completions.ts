import { normalizeOpenAIUsage, type SdkCallMapper } from '@tapline/core';
import { openAIRequestParams } from './request-params';
import { noteFirstChunk, type OpenAIStreamState, recordStreamSummary, sawStreamEnd } from './stream-summary';
import { textsToContent } from './to-content';

type Body = Record<string, any>;

/** Legacy `completions.create`, plain and streamed. */
export const completionsMapper: SdkCallMapper<Body, any, any, OpenAIStreamState> = {
  kind: 'llm',
  operation: 'text_completion',
  request: openAIRequestParams,
  input: (body) => textsToContent(body.prompt),
  result(span, value: any) {
    if (!value || typeof value !== 'object') return;
    const choices: any[] = Array.isArray(value.choices) ? value.choices : [];
    const finish = choices.map((choice) => choice?.finish_reason).filter(Boolean);
    span.set({
      responseModel: value.model,
      responseId: value.id,
      finishReasons: finish.length ? finish : undefined,
    });
    const usage = normalizeOpenAIUsage(value.usage);
    if (usage) span.setUsage(usage);
    span.setOutput(() =>
      choices.map((choice) => ({ role: 'assistant', content: String(choice?.text ?? '') })),
    );
  },
  stream: {
    start: () => ({ first: false, finish: [] }),
    item(span, state, chunk) {
      noteFirstChunk(span, state, chunk);
      if (chunk?.usage) state.usage = chunk.usage;
      const choices = chunk?.choices;
      if (!Array.isArray(choices)) return;
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i];
        if (choice.text) span.appendOutputText(choice.text);
        if (choice.finish_reason) state.finish[choice.index ?? i] = choice.finish_reason;
      }
    },
    finish: (span, state) => recordStreamSummary(span, state),
    sawEnd: sawStreamEnd,
  },
};
