import { describe, expect, it } from 'vitest';
import { createTelemetry } from '../telemetry/create-telemetry';
import { TaplineConfigError } from './config-error';
import { configFromEnv } from './env-config';
import { mergeConfig, resolveConfig } from './resolve-config';
import type { TaplineConfig } from './telemetry-config';

function errorOf(fn: () => unknown): TaplineConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TaplineConfigError);
    return error as TaplineConfigError;
  }
  throw new Error('expected a TaplineConfigError');
}

describe('resolveConfig', () => {
  it('applies defaults: private, silent, no exporter', () => {
    const config = resolveConfig({});
    expect(config).toMatchObject({
      enabled: true,
      exporters: [],
      logLevel: 'none',
      captureContent: 'off',
      piiPolicy: 'redact',
      flushOnExit: true,
      sampling: { rate: 1, keepErrors: true, keepAborted: true },
      queue: { maxSize: 2048, maxBatchSize: 512, scheduledDelayMs: 1000, exportTimeoutMs: 30_000 },
    });
  });

  it.each<[TaplineConfig, string, RegExp]>([
    [{ sampling: { rate: 2 } }, 'sampling.rate', /a number from 0 to 1 \(got 2\)/],
    [{ captureContent: 'yes' as never }, 'captureContent', /one of "off", "redacted", "raw"/],
    [{ logLevel: 'loud' as never }, 'logLevel', /one of "none", "error", "warn", "info", "debug"/],
    [{ queue: { maxSize: 0 } }, 'queue.maxSize', /an integer from 1/],
    [{ queue: { maxSize: 10, maxBatchSize: 20 } }, 'queue.maxBatchSize', /at most queue.maxSize \(10\)/],
    [{ queue: { size: 1 } as never }, 'queue.size', /queue accepts maxSize/],
    [
      { exporter: { type: 'carrier-pigeon' } as never },
      'exporter.type',
      /one of "console", "none", "otlp", "http", "kafka"/,
    ],
    [{ exporter: { type: 'http', url: 'ftp://x' } as never }, 'exporter.url', /an http\(s\) URL/],
    [
      { exporter: [{ type: 'console' }, { type: 'kafka', brokers: [], topic: 't' }] },
      'exporter[1].brokers',
      /host:port/,
    ],
    [
      { exporter: { type: 'kafka', brokers: ['localhost:9092'], topic: '' } },
      'exporter.topic',
      /non-empty string/,
    ],
    [{ exporter: { export: async () => ({ code: 'success' }) } as never }, 'exporter.shutdown', /a function/],
    [{ samplingRate: 0.5 } as never, 'samplingRate', /a known option/],
    [{ identifierKeys: ['ok', ''] }, 'identifierKeys', /non-empty strings/],
    [{ enabled: 'yes' as never }, 'enabled', /true or false/],
  ])('rejects %j naming %s', (config, field, message) => {
    const error = errorOf(() => resolveConfig(config));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(field);
  });

  it('is what createTelemetry throws, at creation', () => {
    expect(() => createTelemetry({ sampling: { rate: -1 } }, {})).toThrow(TaplineConfigError);
  });
});

describe('environment', () => {
  it('reads TAPLINE_* variables', () => {
    const config = configFromEnv({
      TAPLINE_APP_NAME: 'svc',
      TAPLINE_EXPORTER: 'console,kafka',
      TAPLINE_CONSOLE_FORMAT: 'json',
      TAPLINE_KAFKA_BROKERS: 'a:9092, b:9093',
      TAPLINE_KAFKA_TOPIC: 'spans',
      TAPLINE_LOG_LEVEL: 'debug',
      TAPLINE_SAMPLE_RATE: '0.25',
      TAPLINE_CAPTURE_CONTENT: 'true',
      TAPLINE_QUEUE_SIZE: '100',
      TAPLINE_FLUSH_ON_EXIT: 'no',
      TAPLINE_IDENTIFIER_KEYS: 'tenantId,accountId',
    });
    expect(config).toEqual({
      appName: 'svc',
      exporter: [
        { type: 'console', format: 'json' },
        { type: 'kafka', brokers: ['a:9092', 'b:9093'], topic: 'spans' },
      ],
      logLevel: 'debug',
      sampling: { rate: 0.25 },
      captureContent: 'redacted',
      queue: { maxSize: 100 },
      flushOnExit: false,
      identifierKeys: ['tenantId', 'accountId'],
    });
  });

  it('names the variable when a value is invalid', () => {
    expect(errorOf(() => configFromEnv({ TAPLINE_SAMPLE_RATE: 'half' })).field).toBe('TAPLINE_SAMPLE_RATE');
    expect(errorOf(() => configFromEnv({ TAPLINE_ENABLED: 'maybe' })).field).toBe('TAPLINE_ENABLED');
    expect(errorOf(() => configFromEnv({ TAPLINE_EXPORTER: 'fax' })).field).toBe('TAPLINE_EXPORTER');
    // Range checks happen after merging, still naming the field.
    expect(errorOf(() => createTelemetry({}, { TAPLINE_SAMPLE_RATE: '3' })).field).toBe('sampling.rate');
  });

  it('lets code win over environment, section by section', () => {
    const merged = mergeConfig(
      configFromEnv({
        TAPLINE_APP_NAME: 'from-env',
        TAPLINE_QUEUE_SIZE: '100',
        TAPLINE_BATCH_SIZE: '10',
        TAPLINE_SAMPLE_RATE: '0.5',
      }),
      { appName: 'from-code', queue: { maxSize: 50 }, sampling: { keepErrors: false } },
    );
    const resolved = resolveConfig(merged);
    expect(resolved.appName).toBe('from-code');
    expect(resolved.queue.maxSize).toBe(50);
    expect(resolved.queue.maxBatchSize).toBe(10);
    expect(resolved.sampling).toEqual({ rate: 0.5, keepErrors: false, keepAborted: true });
  });
});
