import { afterAll, describe, expect, it } from 'vitest';
import { kafkaExporter, SCHEMA_VERSION_HEADER } from '../src/kafka/kafka-exporter';
import { withRetry } from '../src/wrap/with-retry';
import { consumeWithConsoleConsumer, kafkaBroker, restartKafka } from './kafka-service';
import { makeSpan, makeSpans } from './make-span';

const exporters: Array<{ shutdown(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(exporters.map((exporter) => exporter.shutdown()));
});

function exporterFor(topic: string) {
  const exporter = kafkaExporter({
    brokers: [kafkaBroker()],
    topic,
    autocreateTopics: true,
    clientId: 'tests',
  });
  exporters.push(exporter);
  return exporter;
}

describe('kafkaExporter against a real broker', () => {
  it('writes one message per span: key = trace id, value = span JSON, schema-version header', async () => {
    const exporter = exporterFor('spans-basic');
    const spans = makeSpans(20);
    expect(await exporter.export(spans)).toEqual({ code: 'success' });
    const records = await consumeWithConsoleConsumer('spans-basic', 20);
    expect(records).toHaveLength(20);
    const bySpanId = new Map(records.map((record) => [JSON.parse(record.value).spanId as string, record]));
    for (const span of spans) {
      const record = bySpanId.get(span.spanId);
      expect(record?.key).toBe(span.traceId);
      expect(record?.headers).toBe(`${SCHEMA_VERSION_HEADER}:1`);
      expect(JSON.parse(record?.value ?? '{}')).toEqual(span);
    }
  });

  it('keeps a trace in one partition, in order', async () => {
    const exporter = exporterFor('spans-order');
    const traceId = 'a'.repeat(32);
    const spans = Array.from({ length: 30 }, (_, index) => makeSpan({ traceId, name: `step ${index}` }));
    for (let index = 0; index < spans.length; index += 10) {
      expect((await exporter.export(spans.slice(index, index + 10))).code).toBe('success');
    }
    await exporter.export(makeSpans(30));
    const records = await consumeWithConsoleConsumer('spans-order', 60);
    const ofTrace = records.filter((record) => record.key === traceId);
    expect(new Set(ofTrace.map((record) => record.partition)).size).toBe(1);
    expect(ofTrace.map((record) => JSON.parse(record.value).name)).toEqual(spans.map((span) => span.name));
  });

  it('delivers every span at least once across a broker restart', async () => {
    const exporter = withRetry(exporterFor('spans-restart'), {
      maxAttempts: 100,
      initialDelayMs: 100,
      maxDelayMs: 1000,
      maxElapsedMs: 90_000,
    });
    const before = makeSpans(50);
    expect((await exporter.export(before)).code).toBe('success');
    await restartKafka();
    const after = makeSpans(50);
    expect((await exporter.export(after)).code).toBe('success');
    const records = await consumeWithConsoleConsumer('spans-restart', 100);
    const ids = new Set(records.map((record) => JSON.parse(record.value).spanId as string));
    for (const span of [...before, ...after]) expect(ids.has(span.spanId)).toBe(true);
  });
});
