// wrapOpenAI against the local mock server: no API key, no network beyond 127.0.0.1.
// Run: npm run build && node examples/openai.mjs
import { configure } from '@tapline/core';
import { withTelemetry, wrapOpenAI } from '@tapline/openai';
import { startMockServer } from '@tapline/testkit';
import OpenAI from 'openai';

const server = await startMockServer({ chunkDelayMs: 5 });
const telemetry = configure({ appName: 'openai-example', exporter: { type: 'console' }, flushOnExit: false });
const client = wrapOpenAI(new OpenAI({ apiKey: 'sk-example-not-a-real-key', baseURL: server.openaiBaseURL }));

const reply = await client.chat.completions.create(
  { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] },
  withTelemetry({ userId: 'user-42' }),
);
console.log('reply:', reply.choices[0].message.content);

const stream = await client.chat.completions.create({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Count to three' }],
  stream: true,
});
let text = '';
for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
console.log('streamed:', text);

await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });

await telemetry.shutdown();
await server.close();
