import { createTelemetry } from '@tapline/core';
import { describe, expect, it } from 'vitest';
import '../src/index';
import { startCollector } from './collector-server';

describe('registration with core', () => {
  it('a `{ type: "http" }` description in config exports through this package, fanning out with console', async () => {
    const collector = await startCollector();
    const lines: string[] = [];
    const telemetry = createTelemetry({
      appName: 'registry-test',
      flushOnExit: false,
      exporter: [
        { type: 'http', url: collector.url, headers: { authorization: 'Bearer x' } },
        {
          export: async (spans) => {
            lines.push(...spans.map((span) => span.spanId));
            return { code: 'success' };
          },
          shutdown: async () => {},
        },
      ],
    });
    for (let index = 0; index < 5; index++) {
      telemetry
        .startSpan({ name: 'chat gpt-4o', kind: 'llm', provider: 'openai', requestModel: 'gpt-4o' })
        .end();
    }
    expect(await telemetry.flush(5000)).toBe(true);
    expect(collector.spans.size).toBe(5);
    expect(lines).toHaveLength(5);
    const [span] = collector.spans.values();
    expect(span).toMatchObject({ schemaVersion: 1, appName: 'registry-test', provider: 'openai' });
    expect(collector.requests[0]?.headers.authorization).toBe('Bearer x');
    await telemetry.shutdown();
    await collector.stop();
  });
});
