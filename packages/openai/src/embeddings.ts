import { normalizeOpenAIUsage, type SdkCallMapper } from '@tapline/core';
import { textsToContent } from './to-content';

type Body = Record<string, any>;

/** `embeddings.create`. */
export const embeddingsMapper: SdkCallMapper<Body> = {
  kind: 'embedding',
  operation: 'embeddings',
  request: () => undefined,
  input: (body) => textsToContent(body.input),
  result(span, value: any) {
    if (!value || typeof value !== 'object') return;
    span.set({ responseModel: value.model });
    const usage = normalizeOpenAIUsage(value.usage);
    if (usage) span.setUsage(usage);
  },
};
