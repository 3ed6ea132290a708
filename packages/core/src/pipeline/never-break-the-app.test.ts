import { afterEach, describe, expect, it } from 'vitest';
import { checkedMemoryExporter } from '../../test/validate-span';
import type { SpanExporter } from '../export/span-exporter';
import { createTelemetry, type Telemetry } from '../telemetry/create-telemetry';

const instances: Telemetry[] = [];
afterEach(async () => {
  await Promise.all(instances.splice(0).map((t) => t.shutdown(500)));
});

function make(exporter: SpanExporter, extra: Parameters<typeof createTelemetry>[0] = {}): Telemetry {
  const telemetry = createTelemetry(
    { exporter, flushOnExit: false, queue: { exportTimeoutMs: 200 }, ...extra },
    {},
  );
  instances.push(telemetry);
  return telemetry;
}

async function userCall(telemetry: Telemetry): Promise<{ answer: number }> {
  const result = { answer: 42 };
  return telemetry.span('user-call', async (span) => {
    span.set({ provider: 'p' }).setMetadata({ when: new Date(0) });
    return result;
  });
}

describe('the app is never broken by telemetry', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('exporter bug');
      },
    ],
    ['rejects', () => Promise.reject(new Error('network down'))],
    ['never settles', () => new Promise<never>(() => {})],
    ['returns garbage', () => Promise.resolve(undefined as never)],
  ])('exporter that %s: the call returns its own result; the loss is counted', async (_name, exportImpl) => {
    const telemetry = make({ export: exportImpl as SpanExporter['export'], shutdown: async () => {} });
    const result = await userCall(telemetry);
    expect(result).toEqual({ answer: 42 });
    await telemetry.flush(2000);
    expect(telemetry.stats().exportFailed).toBe(1);
    expect(telemetry.stats().exported).toBe(0);
  });

  it('a throwing shutdown or forceFlush does not reject flush/shutdown', async () => {
    const telemetry = make({
      export: async () => ({ code: 'success' }),
      shutdown: () => {
        throw new Error('bad shutdown');
      },
      forceFlush: () => Promise.reject(new Error('bad flush')),
    });
    await userCall(telemetry);
    await expect(telemetry.flush()).resolves.toBe(false);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });

  it('circular, BigInt, huge and hostile metadata is bounded, not fatal', async () => {
    const exporter = checkedMemoryExporter();
    const telemetry = make(exporter);
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const hostile = {
      get boom() {
        throw new Error('getter throws');
      },
    };
    const huge = 'x'.repeat(5_000_000);
    const span = telemetry.startSpan({ name: 'meta' });
    span.setMetadata({
      circular,
      big: 12345678901234567890n,
      huge,
      fn: () => 1,
      sym: Symbol('s'),
      nan: Number.NaN,
      hostile,
      deep: { a: { b: { c: { d: { e: { f: 1 } } } } } },
      list: Array.from({ length: 1000 }, (_, i) => i),
      err: new RangeError('bad range'),
    });
    span.end();
    await telemetry.flush();
    expect(exporter.violations).toEqual([]);
    const [record] = exporter.spans;
    const metadata = record!.metadata!;
    expect(metadata.circular).toEqual({ name: 'loop', self: '[Circular]' });
    expect(metadata.big).toBe('12345678901234567890');
    expect((metadata.huge as string).length).toBeLessThanOrEqual(1025);
    expect(metadata.fn).toBeUndefined();
    expect(metadata.nan).toBe('NaN');
    expect(metadata.hostile).toEqual({ boom: '[Unreadable]' });
    expect((metadata.list as unknown[]).length).toBe(64);
    expect(metadata.err).toEqual({ name: 'RangeError', message: 'bad range' });
    expect(record!.flags.truncated).toBe(true);
    expect(JSON.stringify(record).length).toBeLessThan(20_000);
  });

  it('an invalid identity or odd span options never throw', async () => {
    const exporter = checkedMemoryExporter();
    const telemetry = make(exporter);
    expect(telemetry.withContext(null as never, () => 'ran')).toBe('ran');
    expect(telemetry.withContext({ metadata: 5 as never }, () => 'ran')).toBe('ran');
    const span = telemetry.startSpan({ name: 'odd', parent: { traceId: 'nope', spanId: 'x' } as never });
    span
      .appendOutputText(undefined as never)
      .setUsage({ input: 1 })
      .end();
    await telemetry.flush();
    expect(exporter.violations).toEqual([]);
    expect(exporter.spans.map((s) => s.name)).toEqual(['odd']);
    expect(exporter.spans[0]!.parentSpanId).toBeUndefined();
    expect(exporter.spans[0]!.usage).toEqual({ input: 1, source: 'provider' });
  });
});

describe('the pipeline keeps working', () => {
  it('after a flush on an empty queue and after a flush racing the scheduled drain', async () => {
    const exporter = checkedMemoryExporter();
    const telemetry = make(exporter, { queue: { scheduledDelayMs: 20 } });
    expect(await telemetry.flush()).toBe(true);
    telemetry.startSpan({ name: 'after-empty-flush' }).end();
    await exporter.waitForSpans(1, 2000);
    telemetry.startSpan({ name: 'flushed' }).end();
    await telemetry.flush();
    // The scheduled timer now fires on an empty queue; later spans must still go out on their own.
    await new Promise((resolve) => setTimeout(resolve, 50));
    telemetry.startSpan({ name: 'later' }).end();
    await exporter.waitForSpans(3, 2000);
    expect(exporter.spans.map((s) => s.name)).toEqual(['after-empty-flush', 'flushed', 'later']);
  });
});
