import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportResult, SpanExporter, SpanRecord } from '@tapline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSpans } from '../../test/make-span';
import { waitFor } from '../../test/wait-for';
import { withSpool } from './with-spool';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tapline-spool-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A destination that can be switched down; records what it accepted, in order. */
function switchable() {
  const received: SpanRecord[] = [];
  let result: ExportResult = { code: 'success' };
  let budget = Number.POSITIVE_INFINITY;
  const exporter: SpanExporter = {
    async export(spans) {
      if (result.code === 'success' && budget-- <= 0) return { code: 'retryable' };
      if (result.code === 'success') received.push(...spans);
      return result;
    },
    async shutdown() {},
  };
  return {
    exporter,
    received,
    down: () => {
      result = { code: 'retryable', error: new Error('down') };
    },
    up: (batches = Number.POSITIVE_INFINITY) => {
      result = { code: 'success' };
      budget = batches;
    },
    reject: () => {
      result = { code: 'failed', error: new Error('400') };
    },
  };
}

describe('withSpool', () => {
  it('passes batches straight through while the destination is up', async () => {
    const destination = switchable();
    const spool = withSpool(destination.exporter, { dir: tempDir() });
    const spans = makeSpans(5);
    expect(await spool.export(spans)).toEqual({ code: 'success' });
    expect(destination.received).toEqual(spans);
    expect(spool.stats()).toMatchObject({ spooledSpans: 0, pendingSpans: 0 });
    await spool.shutdown();
    await spool.shutdown();
  });

  it('spools while down and replays in order when the destination recovers', async () => {
    const destination = switchable();
    const spool = withSpool(destination.exporter, {
      dir: tempDir(),
      retryIntervalMs: 20,
      maxRetryIntervalMs: 50,
    });
    const batches = Array.from({ length: 10 }, () => makeSpans(10));
    await spool.export(batches[0] ?? []);
    destination.down();
    for (const batch of batches.slice(1, 6)) expect(await spool.export(batch)).toEqual({ code: 'success' });
    expect(spool.stats()).toMatchObject({ spooledSpans: 50, pendingSpans: 50, pendingBatches: 5 });
    destination.up();
    for (const batch of batches.slice(6)) await spool.export(batch);
    await waitFor(() => spool.stats().pendingSpans === 0, 'the spool to drain');
    expect(destination.received.map((span) => span.spanId)).toEqual(
      batches.flat().map((span) => span.spanId),
    );
    expect(spool.stats()).toMatchObject({ replayedSpans: 90, evictedSpans: 0 });
    await spool.shutdown();
  });

  it('replays after a restart what a previous process left on disk', async () => {
    const dir = tempDir();
    const destination = switchable();
    destination.down();
    const first = withSpool(destination.exporter, { dir, retryIntervalMs: 10_000 });
    const spans = makeSpans(30);
    for (let index = 0; index < 30; index += 10) await first.export(spans.slice(index, index + 10));
    await first.shutdown();
    expect(destination.received).toHaveLength(0);

    destination.up();
    const second = withSpool(destination.exporter, { dir, retryIntervalMs: 10 });
    await waitFor(() => destination.received.length === 30, 'replay after restart');
    expect(destination.received.map((span) => span.spanId)).toEqual(spans.map((span) => span.spanId));
    await second.shutdown();
    const third = withSpool(destination.exporter, { dir });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(destination.received).toHaveLength(30);
    expect(third.stats().pendingSpans).toBe(0);
    await third.shutdown();
  });

  it('resumes mid-segment after a restart without replaying acknowledged batches', async () => {
    const dir = tempDir();
    const destination = switchable();
    destination.down();
    const first = withSpool(destination.exporter, { dir, retryIntervalMs: 10_000 });
    const spans = makeSpans(40);
    for (let index = 0; index < 40; index += 10) await first.export(spans.slice(index, index + 10));
    destination.up(2);
    await first.forceFlush?.();
    await first.shutdown();
    expect(destination.received.map((span) => span.spanId)).toEqual(
      spans.slice(0, 20).map((span) => span.spanId),
    );
    destination.up();
    const second = withSpool(destination.exporter, { dir, retryIntervalMs: 10 });
    await waitFor(() => destination.received.length >= 40, 'replay of the rest');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(destination.received.map((span) => span.spanId)).toEqual(spans.map((span) => span.spanId));
    await second.shutdown();
  });

  it('stays under maxBytes, evicting the oldest batches and counting them', async () => {
    const dir = tempDir();
    const destination = switchable();
    destination.down();
    const spool = withSpool(destination.exporter, {
      dir,
      maxBytes: 64 * 1024,
      segmentBytes: 8 * 1024,
      retryIntervalMs: 60_000,
    });
    const batches = Array.from({ length: 60 }, () => makeSpans(5));
    for (const batch of batches) expect((await spool.export(batch)).code).toBe('success');
    const stats = spool.stats();
    expect(stats.pendingBytes).toBeLessThanOrEqual(64 * 1024);
    expect(stats.evictedSpans).toBeGreaterThan(0);
    expect(stats.evictedSpans + stats.pendingSpans).toBe(300);
    destination.up();
    await spool.forceFlush?.();
    await waitFor(() => spool.stats().pendingSpans === 0, 'drain');
    const kept = batches.flat().slice(stats.evictedSpans);
    expect(destination.received.map((span) => span.spanId)).toEqual(kept.map((span) => span.spanId));
    await spool.shutdown();
    expect(readdirSync(dir).filter((file) => file.endsWith('.seg'))).toHaveLength(0);
  });

  it('drops and counts spooled batches the destination rejects for good', async () => {
    const destination = switchable();
    destination.down();
    const spool = withSpool(destination.exporter, { dir: tempDir(), retryIntervalMs: 10 });
    await spool.export(makeSpans(4));
    destination.reject();
    await waitFor(() => spool.stats().pendingSpans === 0, 'drain');
    expect(spool.stats()).toMatchObject({ rejectedSpans: 4, replayedSpans: 0 });
    await spool.shutdown();
  });
});
