// The AI SDK's in-process mock model (ai/test) used by vercel-ai and peers-vercel-ai: a canned generateText
// result and a 20-text-part stream with usage.
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

export const usage = {
  inputTokens: { total: 120, noCache: 100, cacheRead: 20, cacheWrite: undefined },
  outputTokens: { total: 40, text: 40, reasoning: undefined },
};
export const generated = {
  content: [{ type: 'text', text: 'Hello from the mock model.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage,
  response: { id: 'resp_1', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date(0) },
  warnings: [],
};
export const parts = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'resp_1', modelId: 'gpt-4o-mini-2024-07-18' },
  { type: 'text-start', id: '1' },
  ...Array.from({ length: 20 }, (_, i) => ({ type: 'text-delta', id: '1', delta: `tok${i} ` })),
  { type: 'text-end', id: '1' },
  { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
];

/** A MockLanguageModelV4 answering with `generated` / `parts`, and `clearCalls()` to keep its call log empty. */
export function createMockModel() {
  const inner = new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async () => generated,
    doStream: async () => ({ stream: convertArrayToReadableStream(parts) }),
  });
  // The mock records every call; keep memory flat.
  const clearCalls = () => {
    inner.doGenerateCalls.length = 0;
    inner.doStreamCalls.length = 0;
  };
  return { inner, clearCalls };
}
