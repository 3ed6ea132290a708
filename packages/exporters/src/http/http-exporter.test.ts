import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorServer, startCollector } from '../../test/collector-server';
import { makeSpans } from '../../test/make-span';
import { withRetry } from '../wrap/with-retry';
import { batchIdOf } from './batch-envelope';
import { httpExporter } from './http-exporter';

let collector: CollectorServer | undefined;

afterEach(async () => {
  await collector?.stop();
  collector = undefined;
});

describe('httpExporter', () => {
  it('posts one envelope per batch with schema version, sdk, sent-at, idempotency key and custom headers', async () => {
    collector = await startCollector();
    const exporter = httpExporter({ url: collector.url, headers: { authorization: 'Bearer t0ken' } });
    const spans = makeSpans(3);
    expect(await exporter.export(spans)).toEqual({ code: 'success' });
    const [request] = collector.requests;
    expect(request?.headers.authorization).toBe('Bearer t0ken');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe(batchIdOf(spans));
    expect(request?.headers['x-tapline-schema-version']).toBe('1');
    expect(request?.envelope).toMatchObject({
      schemaVersion: 1,
      sdk: { name: '@tapline/core' },
      batchId: batchIdOf(spans),
      spans,
    });
    expect(Date.parse(request?.envelope.sentAt ?? '')).not.toBeNaN();
    await exporter.shutdown();
    await exporter.shutdown();
  });

  it('gzips bodies above the threshold only', async () => {
    collector = await startCollector();
    const exporter = httpExporter({ url: collector.url, gzipAboveBytes: 2000 });
    await exporter.export(makeSpans(1));
    await exporter.export(makeSpans(50));
    expect(collector.requests[0]?.headers['content-encoding']).toBeUndefined();
    expect(collector.requests[1]?.headers['content-encoding']).toBe('gzip');
    expect(collector.requests[1]?.envelope.spans).toHaveLength(50);
    await exporter.shutdown();
  });

  it('classifies statuses: 408, 429 and 5xx retryable with Retry-After, other 4xx failed', async () => {
    collector = await startCollector();
    const exporter = httpExporter({ url: collector.url });
    const spans = makeSpans(1);
    collector.script.push(
      (res) => {
        res.writeHead(429, { 'retry-after': '2' }).end();
        return true;
      },
      503,
      408,
      400,
      401,
    );
    expect(await exporter.export(spans)).toMatchObject({ code: 'retryable', retryAfterMs: 2000 });
    expect((await exporter.export(spans)).code).toBe('retryable');
    expect((await exporter.export(spans)).code).toBe('retryable');
    expect((await exporter.export(spans)).code).toBe('failed');
    expect((await exporter.export(spans)).code).toBe('failed');
    await exporter.shutdown();
  });

  it('reports a network error and a timeout as retryable, never throwing', async () => {
    collector = await startCollector();
    const url = collector.url;
    await collector.stop();
    const down = httpExporter({ url });
    expect((await down.export(makeSpans(1))).code).toBe('retryable');
    await down.shutdown();

    collector = await startCollector();
    collector.delayMs = 500;
    const slow = httpExporter({ url: collector.url, timeoutMs: 100 });
    const started = Date.now();
    expect((await slow.export(makeSpans(1))).code).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(450);
    await slow.shutdown();
  });
});

describe('withRetry around httpExporter', () => {
  it('retries 5xx and 429 with the same idempotency key until accepted', async () => {
    collector = await startCollector();
    collector.script.push(500, 502, 429);
    const exporter = withRetry(httpExporter({ url: collector.url }), { initialDelayMs: 5, random: () => 1 });
    const spans = makeSpans(4);
    expect(await exporter.export(spans)).toEqual({ code: 'success' });
    expect(collector.spans.size).toBe(4);
    expect(collector.requests).toHaveLength(1);
    expect(collector.requests[0]?.headers['idempotency-key']).toBe(batchIdOf(spans));
    await exporter.shutdown();
  });

  it('does not retry other 4xx', async () => {
    collector = await startCollector();
    collector.script.push(400, 400, 400);
    const exporter = withRetry(httpExporter({ url: collector.url }), { initialDelayMs: 5 });
    expect((await exporter.export(makeSpans(1))).code).toBe('failed');
    expect(collector.script).toHaveLength(2);
    await exporter.shutdown();
  });

  it('honours Retry-After, capped by maxDelayMs', async () => {
    collector = await startCollector();
    collector.script.push((res) => {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return true;
    });
    const exporter = withRetry(httpExporter({ url: collector.url }), {
      initialDelayMs: 1,
      maxDelayMs: 300,
      random: () => 0,
    });
    const started = Date.now();
    expect((await exporter.export(makeSpans(1))).code).toBe('success');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(900);
    await exporter.shutdown();
  });

  it('stops at maxAttempts and returns the last result', async () => {
    collector = await startCollector();
    collector.script.push(503, 503, 503, 503);
    const exporter = withRetry(httpExporter({ url: collector.url }), { maxAttempts: 3, initialDelayMs: 1 });
    expect((await exporter.export(makeSpans(1))).code).toBe('retryable');
    expect(collector.script).toHaveLength(1);
    await exporter.shutdown();
  });
});
