import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanRecord } from '@tapline/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createExporter } from '../src/create-exporter';
import type { SpoolingExporter } from '../src/spool/with-spool';
import { startCollector } from './collector-server';
import { consumeWithConsoleConsumer, kafkaBroker, startStoppedKafka, stopKafka } from './kafka-service';
import { makeSpans } from './make-span';
import { waitFor } from './wait-for';

const root = mkdtempSync(join(tmpdir(), 'tapline-outage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fastRetry = { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50, maxElapsedMs: 1000 };

describe('outages', () => {
  it('HTTP collector stopped under load and restarted: every span delivered exactly once', async () => {
    const collector = await startCollector();
    const exporter = createExporter({
      type: 'http',
      url: collector.url,
      timeoutMs: 1000,
      retry: fastRetry,
      spool: { dir: join(root, 'http'), retryIntervalMs: 50, maxRetryIntervalMs: 200 },
    }) as SpoolingExporter;
    const sent: SpanRecord[] = [];
    for (let batch = 0; batch < 200; batch++) {
      if (batch === 40) await collector.stop();
      if (batch === 120) await collector.start();
      const spans = makeSpans(50);
      sent.push(...spans);
      expect((await exporter.export(spans)).code).toBe('success');
    }
    await waitFor(() => exporter.stats().pendingSpans === 0, 'the spool to drain', 60_000);
    expect(exporter.stats().spooledSpans).toBeGreaterThan(0);
    expect(exporter.stats().evictedSpans).toBe(0);
    expect(collector.spans.size).toBe(10_000);
    for (const span of sent) expect(collector.spans.has(span.spanId)).toBe(true);
    // Order is kept: the collector saw batches in the order they were sent.
    const order = collector.requests.flatMap((request) => request.envelope.spans.map((span) => span.spanId));
    const firstSeen = [...new Set(order)];
    expect(firstSeen).toEqual(sent.map((span) => span.spanId));
    await exporter.shutdown();
    await collector.stop();
  });

  it('slow destination: the spool stays under its cap and memory stays bounded', async () => {
    const collector = await startCollector();
    collector.delayMs = 1500;
    const maxBytes = 512 * 1024;
    const exporter = createExporter({
      type: 'http',
      url: collector.url,
      timeoutMs: 50,
      retry: { maxAttempts: 1 },
      spool: { dir: join(root, 'slow'), maxBytes, retryIntervalMs: 5000, fsync: 'never' },
    }) as SpoolingExporter;
    const heapBefore = process.memoryUsage().heapUsed;
    const total = 300 * 20;
    for (let batch = 0; batch < 300; batch++) await exporter.export(makeSpans(20));
    const stats = exporter.stats();
    expect(stats.pendingBytes).toBeLessThanOrEqual(maxBytes);
    expect(stats.evictedSpans).toBeGreaterThan(0);
    expect(stats.evictedSpans + stats.pendingSpans).toBe(total);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    collector.delayMs = 0;
    await exporter.forceFlush?.();
    await waitFor(() => exporter.stats().pendingSpans === 0, 'drain after the destination speeds up', 60_000);
    expect(collector.spans.size).toBeGreaterThanOrEqual(stats.pendingSpans);
    await exporter.shutdown();
    await collector.stop();
  });

  it('Kafka broker stopped and started again: every span delivered at least once, ids to deduplicate', async () => {
    const exporter = createExporter({
      type: 'kafka',
      brokers: [kafkaBroker()],
      topic: 'spans-outage',
      autocreateTopics: true,
      timeoutMs: 2000,
      retry: fastRetry,
      spool: { dir: join(root, 'kafka'), retryIntervalMs: 200, maxRetryIntervalMs: 1000 },
    }) as SpoolingExporter;
    const sent: SpanRecord[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const spans = makeSpans(20);
      sent.push(...spans);
      expect((await exporter.export(spans)).code).toBe('success');
    }
    await stopKafka();
    for (let batch = 0; batch < 10; batch++) {
      const spans = makeSpans(20);
      sent.push(...spans);
      expect((await exporter.export(spans)).code).toBe('success');
    }
    expect(exporter.stats().pendingSpans).toBeGreaterThan(0);
    await startStoppedKafka();
    await waitFor(() => exporter.stats().pendingSpans === 0, 'the spool to drain into Kafka', 90_000);
    const records = await consumeWithConsoleConsumer('spans-outage', sent.length);
    const ids = new Set(records.map((record) => JSON.parse(record.value).spanId as string));
    for (const span of sent) expect(ids.has(span.spanId)).toBe(true);
    await exporter.shutdown();
  });
});
