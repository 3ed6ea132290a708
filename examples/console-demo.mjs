// The smallest Tapline program: spans printed to the console, no API key, no network.
// Run: npm run demo
import { createTelemetry } from '@tapline/core';

const telemetry = createTelemetry({
  appName: 'demo',
  exporter: { type: 'console' },
  queue: { scheduledDelayMs: 50 },
});

async function pretendModelCall(prompt) {
  const span = telemetry.startSpan({ name: 'chat gpt-4o-mini', kind: 'llm', integration: 'demo' });
  span.set({ provider: 'openai', operation: 'chat', requestModel: 'gpt-4o-mini', request: { stream: true } });
  span.setInput([{ role: 'user', content: prompt }]);
  await new Promise((resolve) => setTimeout(resolve, 40));
  span.markFirstToken();
  for (const word of ['Hello', ' from', ' Tapline']) span.appendOutputText(word);
  await new Promise((resolve) => setTimeout(resolve, 20));
  span.set({ responseModel: 'gpt-4o-mini-2024-07-18', finishReasons: ['stop'] });
  span.setUsage({ input: 12, output: 3, total: 15 });
  span.end();
  return 'Hello from Tapline';
}

await telemetry.withContext({ userId: 'user-123', sessionId: 'session-9' }, () =>
  telemetry.span('answer-question', async () => {
    await pretendModelCall('Say hello');
    await telemetry.span('lookup-order', async () => new Promise((resolve) => setTimeout(resolve, 10)), {
      kind: 'tool',
    });
  }),
);

await telemetry.shutdown();
