import { afterEach, describe, expect, it } from 'vitest';
import { checkedMemoryExporter } from '../../test/validate-span';
import type { SpanExporter } from '../export/span-exporter';
import { monotonicNow } from '../span/clock';
import type { SpanRecord } from '../span/span-record';
import { createTelemetry, type Telemetry } from './create-telemetry';

const instances: Telemetry[] = [];

function setup(config: Parameters<typeof createTelemetry>[0] = {}) {
  const exporter = checkedMemoryExporter();
  const telemetry = createTelemetry({ exporter, flushOnExit: false, ...config }, {});
  instances.push(telemetry);
  const spans = async (): Promise<readonly SpanRecord[]> => {
    await telemetry.flush();
    expect(exporter.violations).toEqual([]);
    return exporter.spans;
  };
  return { telemetry, exporter, spans };
}

afterEach(async () => {
  await Promise.all(instances.splice(0).map((t) => t.shutdown()));
});

describe('span lifecycle', () => {
  it('records fields, usage, timing and status, and exports a schema-valid record', async () => {
    const { telemetry, spans } = setup({ appName: 'checkout', environment: 'test' });
    const span = telemetry.startSpan({ name: 'chat gpt-4o-mini', kind: 'llm', integration: 'openai' });
    span.set({
      provider: 'openai',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      request: { temperature: 0.2 },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    span.markFirstToken();
    span.markFirstToken();
    span.setUsage({ input: 10, output: 5, total: 15 });
    span.set({ responseModel: 'gpt-4o-mini-2024-07-18', responseId: 'chatcmpl-1', finishReasons: ['stop'] });
    span.end();
    span.end();
    const [record] = await spans();
    expect(record).toMatchObject({
      schemaVersion: 1,
      kind: 'llm',
      name: 'chat gpt-4o-mini',
      provider: 'openai',
      operation: 'chat',
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: 'chatcmpl-1',
      usage: { input: 10, output: 5, total: 15, source: 'provider' },
      finishReasons: ['stop'],
      status: 'ok',
      appName: 'checkout',
      environment: 'test',
      sdk: { name: '@tapline/core', integration: 'openai' },
      flags: { sampled: true, contentCaptured: false },
    });
    expect(record!.ttftMs).toBeGreaterThanOrEqual(4);
    expect(record!.durationMs).toBeGreaterThanOrEqual(record!.ttftMs!);
    expect(Date.parse(record!.endTime)).toBeGreaterThanOrEqual(Date.parse(record!.startTime));
    expect(record!.parentSpanId).toBeUndefined();
  });

  it('takes a first-token time measured elsewhere, clamped to the span', async () => {
    const { telemetry, spans } = setup();
    const a = telemetry.startSpan({ name: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    a.markFirstToken(monotonicNow() - 10).end();
    const b = telemetry.startSpan({ name: 'b' });
    b.markFirstToken(monotonicNow() - 1_000_000).end();
    const [first, second] = await spans();
    expect(first!.ttftMs).toBeGreaterThanOrEqual(9);
    expect(first!.ttftMs).toBeLessThan(first!.durationMs - 5);
    expect(second!.ttftMs).toBe(0);
  });

  it('ignores changes after end and ends only once', async () => {
    const { telemetry, spans } = setup();
    const span = telemetry.startSpan({ name: 'x' });
    span.end();
    span.set({ provider: 'late' });
    span.fail(new Error('late'));
    span.abort();
    const records = await spans();
    expect(records).toHaveLength(1);
    expect(records[0]!.status).toBe('ok');
    expect(records[0]!.provider).toBeUndefined();
  });

  it('describes errors: class, API type and code, HTTP status, message', async () => {
    const { telemetry, spans } = setup();
    class RateLimitError extends Error {
      status = 429;
      type = 'rate_limit_exceeded';
      code = 'rate_limit_exceeded';
      headers = { authorization: 'Bearer sk-secret' };
    }
    telemetry.startSpan({ name: 'x', kind: 'llm' }).fail(new RateLimitError('Too many requests'));
    telemetry.startSpan({ name: 'y', kind: 'llm' }).abort(new DOMException('aborted', 'AbortError'));
    const [failed, aborted] = await spans();
    expect(failed!.status).toBe('error');
    expect(failed!.error).toEqual({
      type: 'RateLimitError',
      code: 'rate_limit_exceeded',
      httpStatus: 429,
      message: 'Too many requests',
    });
    expect(JSON.stringify(failed)).not.toContain('sk-secret');
    expect(aborted!.status).toBe('aborted');
    expect(aborted!.error?.type).toBe('DOMException');
  });

  it('runs deferred work in the pipeline, in order, after the span ended; counts a throw', async () => {
    const { telemetry, spans } = setup();
    const span = telemetry.startSpan({ name: 'chat', kind: 'llm' });
    const order: string[] = [];
    span.defer((handle) => {
      order.push('first');
      handle.setUsage({ input: 3, output: 2 });
    });
    span.defer((handle) => {
      order.push('second');
      handle.set({ responseId: 'r-1', finishReasons: ['stop'] });
    });
    span.end();
    span.defer(() => order.push('after end'));
    expect(order).toEqual([]);
    const [record] = await spans();
    expect(order).toEqual(['first', 'second']);
    expect(record).toMatchObject({ usage: { input: 3, output: 2, total: 5 }, responseId: 'r-1' });

    const broken = telemetry.startSpan({ name: 'broken' });
    broken.defer(() => {
      throw new Error('adapter bug');
    });
    broken.end();
    expect((await spans()).map((s) => s.name)).toContain('broken');
    expect(telemetry.stats().stageErrors).toBe(1);
  });

  it('draws ids only when read, and keeps them stable', async () => {
    const { telemetry, spans } = setup();
    const span = telemetry.startSpan({ name: 'lazy' });
    const child = telemetry.startSpan({ name: 'child', parent: span });
    expect(child.traceId).toBe(span.traceId);
    const { spanId } = span;
    span.end();
    child.end();
    const records = await spans();
    expect(records.find((r) => r.name === 'lazy')?.spanId).toBe(spanId);
    expect(records.find((r) => r.name === 'child')?.parentSpanId).toBe(spanId);
  });

  it('makes W3C-compatible ids', async () => {
    const { telemetry, spans } = setup();
    for (let i = 0; i < 50; i++) telemetry.startSpan({ name: `s${i}` }).end();
    const records = await spans();
    const ids = new Set(records.map((r) => r.spanId));
    expect(ids.size).toBe(50);
    for (const r of records) {
      expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(r.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});

describe('context', () => {
  it('nests spans through async context and explicit parents', async () => {
    const { telemetry, spans } = setup();
    await telemetry.span('root', async (root) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await telemetry.span('child', async () => {
        await Promise.resolve();
        telemetry.startSpan({ name: 'grandchild', kind: 'llm' }).end();
      });
      telemetry.startSpan({ name: 'explicit', parent: root }).end();
      telemetry.startSpan({ name: 'new-trace', parent: null }).end();
    });
    const byName = Object.fromEntries((await spans()).map((r) => [r.name, r]));
    const root = byName.root!;
    expect(root.parentSpanId).toBeUndefined();
    expect(byName.child!.parentSpanId).toBe(root.spanId);
    expect(byName.grandchild!.parentSpanId).toBe(byName.child!.spanId);
    expect(byName.explicit!.parentSpanId).toBe(root.spanId);
    for (const name of ['child', 'grandchild', 'explicit']) expect(byName[name]!.traceId).toBe(root.traceId);
    expect(byName['new-trace']!.traceId).not.toBe(root.traceId);
  });

  it('keeps concurrent contexts apart', async () => {
    const { telemetry, spans } = setup();
    await Promise.all(
      ['a', 'b', 'c'].map((user) =>
        telemetry.withContext({ userId: user, metadata: { user } }, async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          await telemetry.span(`op-${user}`, async () => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            telemetry.startSpan({ name: `llm-${user}`, kind: 'llm' }).end();
          });
        }),
      ),
    );
    const records = await spans();
    expect(records).toHaveLength(6);
    for (const user of ['a', 'b', 'c']) {
      const op = records.find((r) => r.name === `op-${user}`)!;
      const llm = records.find((r) => r.name === `llm-${user}`)!;
      expect(llm.parentSpanId).toBe(op.spanId);
      expect(llm.metadata).toEqual({ user });
    }
  });

  it('merges nested withContext identity and lets per-span options win', async () => {
    const { telemetry } = setup();
    const seen: unknown[] = [];
    telemetry.withContext({ userId: 'u1', sessionId: 's1', metadata: { a: 1 } }, () => {
      telemetry.withContext({ sessionId: 's2', metadata: { b: 2 } }, () => {
        seen.push(telemetry.activeContext()?.identity);
      });
    });
    expect(seen[0]).toEqual({ userId: 'u1', sessionId: 's2', metadata: { a: 1, b: 2 } });
  });
});

describe('telemetry.span', () => {
  it('returns the value of a sync function and rethrows its error unchanged', async () => {
    const { telemetry, spans } = setup();
    expect(telemetry.span('sync', () => 42)).toBe(42);
    const error = new TypeError('boom');
    expect(() =>
      telemetry.span('sync-fail', () => {
        throw error;
      }),
    ).toThrow(error);
    const records = await spans();
    expect(records.map((r) => [r.name, r.status])).toEqual([
      ['sync', 'ok'],
      ['sync-fail', 'error'],
    ]);
    expect(records[1]!.error).toMatchObject({ type: 'TypeError', message: 'boom' });
  });

  it('returns the same promise for async functions and rejects with the same error', async () => {
    const { telemetry, spans } = setup();
    const error = new Error('nope');
    const failing = telemetry.span('async-fail', async () => {
      throw error;
    });
    await expect(failing).rejects.toBe(error);
    await expect(telemetry.span('async', async () => 'ok')).resolves.toBe('ok');
    const records = await spans();
    expect(records.find((r) => r.name === 'async-fail')!.status).toBe('error');
    expect(records.find((r) => r.name === 'async')!.status).toBe('ok');
  });
});

describe('disabled', () => {
  it('hands out the no-op span and exports nothing', async () => {
    const { telemetry, spans } = setup({ enabled: false });
    const span = telemetry.startSpan({ name: 'x' });
    expect(span.isRecording).toBe(false);
    span.set({ provider: 'p' }).markFirstToken().end();
    expect(telemetry.span('y', () => 1)).toBe(1);
    expect(await spans()).toEqual([]);
  });
});

describe('pipeline', () => {
  it('end() only enqueues: the exporter is not called on the call path', async () => {
    let calls = 0;
    const exporter: SpanExporter = {
      export: async () => {
        calls++;
        return { code: 'success' };
      },
      shutdown: async () => {},
    };
    const telemetry = createTelemetry({ exporter, flushOnExit: false, queue: { scheduledDelayMs: 50 } }, {});
    instances.push(telemetry);
    for (let i = 0; i < 10; i++) telemetry.startSpan({ name: 'x' }).end();
    expect(calls).toBe(0);
    expect(telemetry.stats().queued).toBe(10);
    await telemetry.flush();
    expect(calls).toBe(1);
    expect(telemetry.stats()).toMatchObject({ started: 10, ended: 10, exported: 10, queued: 0 });
  });

  it('batches by size and by time', async () => {
    const { telemetry, exporter } = setup({ queue: { maxBatchSize: 4, scheduledDelayMs: 30 } });
    for (let i = 0; i < 10; i++) telemetry.startSpan({ name: `s${i}` }).end();
    await exporter.waitForSpans(10, 2000);
    expect(exporter.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    telemetry.startSpan({ name: 'late' }).end();
    await exporter.waitForSpans(11, 2000);
    expect(exporter.batches.at(-1)!.map((s) => s.name)).toEqual(['late']);
  });

  it('drops and counts spans when the queue is full, with one diagnostic', async () => {
    const messages: string[] = [];
    const { telemetry, spans } = setup({
      queue: { maxSize: 5, maxBatchSize: 5, scheduledDelayMs: 10_000 },
      logLevel: 'warn',
      logger: (_level, message) => messages.push(message),
    });
    // The 5th span fills a batch; draining starts on a timer, so all 12 arrive before anything leaves.
    for (let i = 0; i < 12; i++) telemetry.startSpan({ name: `s${i}` }).end();
    expect(telemetry.stats().droppedQueueFull).toBe(7);
    expect(messages.filter((m) => m.includes('queue is full'))).toHaveLength(1);
    expect(await spans()).toHaveLength(5);
  });

  it('runs stages in order; a throwing stage is counted and skipped; a stage can drop', async () => {
    const order: string[] = [];
    const { telemetry, spans } = setup({
      stages: [
        {
          name: 'first',
          process: (span) => {
            order.push(`first:${span.name}`);
            span.metadata = { ...span.metadata, tagged: true };
          },
        },
        {
          name: 'broken',
          process: () => {
            throw new Error('stage bug');
          },
        },
        { name: 'async-drop', process: async (span) => (span.name === 'drop-me' ? 'drop' : undefined) },
      ],
    });
    telemetry.startSpan({ name: 'keep' }).end();
    telemetry.startSpan({ name: 'drop-me' }).end();
    const records = await spans();
    expect(records.map((r) => r.name)).toEqual(['keep']);
    expect(records[0]!.metadata).toEqual({ tagged: true });
    expect(order).toEqual(['first:keep', 'first:drop-me']);
    expect(telemetry.stats()).toMatchObject({ stageErrors: 2, droppedByStage: 1, exported: 1 });
  });

  it('flush() and shutdown() resolve within their timeout when the exporter never settles', async () => {
    const exporter: SpanExporter = {
      export: () => new Promise(() => {}),
      shutdown: () => new Promise(() => {}),
    };
    const telemetry = createTelemetry(
      { exporter, flushOnExit: false, queue: { exportTimeoutMs: 100 }, shutdownTimeoutMs: 300 },
      {},
    );
    telemetry.startSpan({ name: 'x' }).end();
    const started = performance.now();
    expect(await telemetry.flush(1000)).toBe(true);
    expect(telemetry.stats()).toMatchObject({ exportTimeouts: 1, exportFailed: 1, exported: 0 });
    await telemetry.shutdown();
    await telemetry.shutdown();
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('counts spans ended after shutdown and hands out no-op spans', async () => {
    const { telemetry, exporter } = setup();
    const early = telemetry.startSpan({ name: 'early' });
    await telemetry.shutdown();
    early.end();
    expect(telemetry.startSpan({ name: 'late' }).isRecording).toBe(false);
    expect(telemetry.stats().droppedAfterShutdown).toBe(1);
    expect(exporter.isShutdown).toBe(true);
  });
});
