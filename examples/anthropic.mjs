// wrapAnthropic against the local mock server: no API key, no network beyond 127.0.0.1.
// Run: npm run build && node examples/anthropic.mjs
import Anthropic from '@anthropic-ai/sdk';
import { wrapAnthropic } from '@tapline/anthropic';
import { configure } from '@tapline/core';
import { startMockServer } from '@tapline/testkit';

const server = await startMockServer({ chunkDelayMs: 5 });
const telemetry = configure({
  appName: 'anthropic-example',
  exporter: { type: 'console' },
  flushOnExit: false,
});
const client = wrapAnthropic(new Anthropic({ apiKey: 'sk-ant-example', baseURL: server.anthropicBaseURL }));

server.enqueue({
  text: 'Hello from Claude.',
  usage: { inputTokens: 20, outputTokens: 5, cachedInputTokens: 1000 },
});
const message = await client.messages.create({
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Say hello' }],
});
console.log('reply:', message.content[0].text);

const stream = client.messages.stream({
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Count to three' }],
});
const final = await stream.finalMessage();
console.log('streamed:', final.content[0].text);

await telemetry.shutdown();
await server.close();
