import { TaplineConfigError } from './config-error';
import type { ExporterOption } from './telemetry-config';
import { expectOneOf, isObject } from './validate-field';

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks one exporter option: an exporter object, or a description with the fields its type needs. */
export function validateExporter(field: string, option: unknown): ExporterOption {
  if (!isObject(option)) throw new TaplineConfigError(field, 'an exporter object or { type: ... }', option);
  if (typeof option.export === 'function') {
    if (typeof option.shutdown !== 'function') {
      throw new TaplineConfigError(
        `${field}.shutdown`,
        'a function (exporters implement export and shutdown)',
        option.shutdown,
      );
    }
    return option as unknown as ExporterOption;
  }
  const type = expectOneOf(
    `${field}.type`,
    option.type,
    ['console', 'none', 'otlp', 'http', 'kafka'] as const,
    'none',
  );
  if (option.type === undefined) {
    throw new TaplineConfigError(
      `${field}.type`,
      'one of "console", "none", "otlp", "http", "kafka"',
      undefined,
    );
  }
  switch (type) {
    case 'console':
      expectOneOf(`${field}.format`, option.format, ['pretty', 'json'] as const, 'pretty');
      break;
    case 'otlp':
      if (option.endpoint !== undefined && !isUrl(option.endpoint)) {
        throw new TaplineConfigError(`${field}.endpoint`, 'an http(s) URL', option.endpoint);
      }
      expectOneOf(
        `${field}.protocol`,
        option.protocol,
        ['http/protobuf', 'http/json', 'grpc'] as const,
        'http/protobuf',
      );
      break;
    case 'http':
      if (!isUrl(option.url)) throw new TaplineConfigError(`${field}.url`, 'an http(s) URL', option.url);
      break;
    case 'kafka':
      if (
        !Array.isArray(option.brokers) ||
        option.brokers.length === 0 ||
        !option.brokers.every((b) => typeof b === 'string' && /^[^\s:]+:\d{1,5}$/.test(b))
      ) {
        throw new TaplineConfigError(
          `${field}.brokers`,
          'a non-empty array of "host:port" strings',
          option.brokers,
        );
      }
      if (typeof option.topic !== 'string' || option.topic.length === 0) {
        throw new TaplineConfigError(`${field}.topic`, 'a non-empty string', option.topic);
      }
      break;
  }
  if (option.headers !== undefined) {
    if (!isObject(option.headers) || !Object.values(option.headers).every((v) => typeof v === 'string')) {
      throw new TaplineConfigError(`${field}.headers`, 'an object of string values', option.headers);
    }
  }
  return option as ExporterOption;
}
