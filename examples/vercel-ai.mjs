// The Vercel AI SDK with Tapline's middleware, against the local mock server (no API key).
// Run: npm run build && node examples/vercel-ai.mjs
import { createOpenAI } from '@ai-sdk/openai';
import { configure } from '@tapline/core';
import { startMockServer } from '@tapline/testkit';
import { taplineMiddleware } from '@tapline/vercel-ai';
import { generateText, streamText, wrapLanguageModel } from 'ai';

const server = await startMockServer({ chunkDelayMs: 5 });
const telemetry = configure({
  appName: 'vercel-ai-example',
  exporter: { type: 'console' },
  flushOnExit: false,
});
const provider = createOpenAI({ apiKey: 'sk-example', baseURL: server.openaiBaseURL });
const model = wrapLanguageModel({ model: provider.chat('gpt-4o-mini'), middleware: taplineMiddleware() });

const { text } = await generateText({ model, prompt: 'Say hello' });
console.log('reply:', text);

const result = streamText({ model, prompt: 'Count to three' });
let streamed = '';
for await (const delta of result.textStream) streamed += delta;
console.log('streamed:', streamed);

await telemetry.shutdown();
await server.close();
