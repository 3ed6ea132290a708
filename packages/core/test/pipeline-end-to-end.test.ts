import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry, hashIdentifier, type Telemetry } from '../src/index';
import { checkedMemoryExporter } from './validate-span';

const instances: Telemetry[] = [];
afterEach(async () => {
  await Promise.all(instances.splice(0).map((t) => t.shutdown()));
});

function setup(config: Parameters<typeof createTelemetry>[0] = {}) {
  const exporter = checkedMemoryExporter();
  const telemetry = createTelemetry(
    { exporter, flushOnExit: false, hashSecret: 'test-secret', ...config },
    {},
  );
  instances.push(telemetry);
  return { telemetry, exporter };
}

const API_KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGh';

function recordCall(telemetry: Telemetry, withUsage = true) {
  return telemetry.withContext(
    { userId: 'alice@example.com', sessionId: 'sess-1', metadata: { tenant: 'acme' } },
    () => {
      const span = telemetry.startSpan({ name: 'chat gpt-4o-mini', kind: 'llm', integration: 'test' });
      span.set({
        provider: 'openai',
        operation: 'chat',
        requestModel: 'gpt-4o-mini',
        responseModel: 'gpt-4o-mini-2024-07-18',
      });
      span.setCredential(API_KEY);
      span.setInput(() => [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'Email me at bob@example.org, my card is 4111 1111 1111 1111.' },
      ]);
      span.appendOutputText('Sure, ').appendOutputText('I will write to bob@example.org.');
      if (withUsage) span.setUsage({ input: 1000, output: 200, cachedInput: 400 });
      span.end();
    },
  );
}

describe('the whole pipeline: sample → tokens → cost → privacy → export', () => {
  it('by default: hashed identity, prompt hash, cost, PII flags, and no content or credential', async () => {
    const { telemetry, exporter } = setup();
    recordCall(telemetry);
    await telemetry.flush();
    expect(exporter.violations).toEqual([]);
    const [span] = exporter.spans;
    expect(span!.userIdHash).toBe(await hashIdentifier('alice@example.com', 'test-secret'));
    expect(span!.sessionIdHash).toMatch(/^[0-9a-f]{64}$/);
    expect(span!.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(span!.content).toBeUndefined();
    expect(span!.flags).toMatchObject({ contentCaptured: false, piiDetected: true, sampled: true });
    expect(span!.metadata).toEqual({ tenant: 'acme' });
    // gpt-4o-mini: $0.15 input, $0.075 cached, $0.60 output per 1M tokens.
    expect(span!.cost?.total).toBeCloseTo((600 * 0.15 + 400 * 0.075 + 200 * 0.6) / 1e6, 12);
    const payload = JSON.stringify(exporter.spans);
    for (const secret of [API_KEY, 'alice@example.com', 'sess-1', 'bob@example.org', '4111']) {
      expect(payload).not.toContain(secret);
    }
  });

  it('captures redacted content when enabled, never the credential', async () => {
    const { telemetry, exporter } = setup({ captureContent: 'redacted' });
    recordCall(telemetry);
    await telemetry.flush();
    const [span] = exporter.spans;
    expect(span!.content?.mode).toBe('redacted');
    expect(span!.content?.input?.[1]?.content).toContain('[EMAIL]');
    expect(span!.content?.output?.[0]?.content).toBe('Sure, I will write to [EMAIL].');
    expect(JSON.stringify(span)).not.toContain('bob@example.org');
    expect(JSON.stringify(span)).not.toContain(API_KEY);
  });

  it('fills usage from the tokenizer when the provider reported none, and says so', async () => {
    const { telemetry, exporter } = setup();
    recordCall(telemetry, false);
    await telemetry.flush(80_000);
    const [span] = exporter.spans;
    expect(span!.usage?.source).toBe('tokenizer');
    expect(span!.usage?.input).toBeGreaterThan(20);
    expect(span!.usage?.output).toBeGreaterThan(5);
    expect(span!.cost?.total).toBeGreaterThan(0);
  });

  it('samples by trace and keeps errors whatever the rate', async () => {
    const { telemetry, exporter } = setup({ sampling: { rate: 0 } });
    telemetry.startSpan({ name: 'dropped', kind: 'llm' }).end();
    telemetry.startSpan({ name: 'failed', kind: 'llm' }).fail(new Error('x'));
    await telemetry.flush();
    expect(exporter.spans.map((s) => s.name)).toEqual(['failed']);
    expect(telemetry.stats().sampledOut).toBe(1);
  });
});
