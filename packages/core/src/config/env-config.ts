import { LOG_LEVELS, type LogLevel } from '../diagnostics/diagnostics';
import { TaplineConfigError } from './config-error';
import type { CaptureContent, ExporterDescription, TaplineConfig } from './telemetry-config';

type Env = Record<string, string | undefined>;

/**
 * The `TAPLINE_*` environment variables, in one place. README's configuration table is generated from the same
 * facts; keep them in step.
 */
export const ENV_VARIABLES = {
  TAPLINE_ENABLED: 'enabled: true/false',
  TAPLINE_APP_NAME: 'appName',
  TAPLINE_ENVIRONMENT: 'environment',
  TAPLINE_EXPORTER: 'exporter type: console, none, otlp, http, kafka (comma-separated to fan out)',
  TAPLINE_CONSOLE_FORMAT: 'console exporter format: pretty or json',
  TAPLINE_OTLP_ENDPOINT: 'OTLP endpoint URL',
  TAPLINE_OTLP_PROTOCOL: 'OTLP protocol: http/protobuf, http/json or grpc',
  TAPLINE_HTTP_URL: 'HTTP collector URL',
  TAPLINE_KAFKA_BROKERS: 'Kafka brokers, comma-separated host:port',
  TAPLINE_KAFKA_TOPIC: 'Kafka topic',
  TAPLINE_LOG_LEVEL: 'logLevel: none, error, warn, info, debug',
  TAPLINE_QUEUE_SIZE: 'queue.maxSize',
  TAPLINE_BATCH_SIZE: 'queue.maxBatchSize',
  TAPLINE_BATCH_DELAY_MS: 'queue.scheduledDelayMs',
  TAPLINE_EXPORT_TIMEOUT_MS: 'queue.exportTimeoutMs',
  TAPLINE_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  TAPLINE_FLUSH_ON_EXIT: 'flushOnExit: true/false',
  TAPLINE_STREAM_DEADLINE_MS: 'streamDeadlineMs',
  TAPLINE_HASH_SECRET: 'hashSecret',
  TAPLINE_CAPTURE_CONTENT: 'captureContent: off, redacted, raw (true means redacted, false off)',
  TAPLINE_PII_POLICY: 'piiPolicy: redact or drop',
  TAPLINE_IDENTIFIER_KEYS: 'identifierKeys, comma-separated',
  TAPLINE_CREDENTIAL_FINGERPRINT: 'credentialFingerprint: true/false',
  TAPLINE_PATTERNS_FILE: 'patternsFile',
  TAPLINE_MAX_SCAN_LENGTH: 'maxScanLength',
  TAPLINE_SAMPLE_RATE: 'sampling.rate',
  TAPLINE_SAMPLE_KEEP_ERRORS: 'sampling.keepErrors and sampling.keepAborted: true/false',
  TAPLINE_PRICES_FILE: 'pricesFile',
} as const;

function bool(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new TaplineConfigError(name, 'true or false', env[name]);
}

function num(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new TaplineConfigError(name, 'a number', raw);
  return value;
}

function str(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function list(env: Env, name: string): string[] | undefined {
  const raw = str(env, name);
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new TaplineConfigError(name, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, env[name]);
  }
  return raw as T;
}

function exporterFromEnv(env: Env): ExporterDescription[] | undefined {
  const types = list(env, 'TAPLINE_EXPORTER');
  if (!types) return undefined;
  return types.map((type): ExporterDescription => {
    switch (type.toLowerCase()) {
      case 'console':
        return { type: 'console', format: oneOf(env, 'TAPLINE_CONSOLE_FORMAT', ['pretty', 'json'] as const) };
      case 'none':
        return { type: 'none' };
      case 'otlp': {
        const description: ExporterDescription = { type: 'otlp' };
        const endpoint = str(env, 'TAPLINE_OTLP_ENDPOINT');
        const protocol = oneOf(env, 'TAPLINE_OTLP_PROTOCOL', ['http/protobuf', 'http/json', 'grpc'] as const);
        if (endpoint) description.endpoint = endpoint;
        if (protocol) description.protocol = protocol;
        return description;
      }
      case 'http':
        return { type: 'http', url: str(env, 'TAPLINE_HTTP_URL') ?? '' };
      case 'kafka':
        return {
          type: 'kafka',
          brokers: list(env, 'TAPLINE_KAFKA_BROKERS') ?? [],
          topic: str(env, 'TAPLINE_KAFKA_TOPIC') ?? '',
        };
      default:
        throw new TaplineConfigError(
          'TAPLINE_EXPORTER',
          'a comma-separated list of console, none, otlp, http, kafka',
          type,
        );
    }
  });
}

function captureFromEnv(env: Env): CaptureContent | undefined {
  const raw = str(env, 'TAPLINE_CAPTURE_CONTENT')?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['true', '1', 'yes', 'on'].includes(raw)) return 'redacted';
  if (['false', '0', 'no'].includes(raw)) return 'off';
  return oneOf(env, 'TAPLINE_CAPTURE_CONTENT', ['off', 'redacted', 'raw'] as const);
}

function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** Reads `TAPLINE_*` variables into a config object. Invalid values throw, naming the variable. */
export function configFromEnv(env: Env): TaplineConfig {
  const keepAll = bool(env, 'TAPLINE_SAMPLE_KEEP_ERRORS');
  const config: TaplineConfig = {
    enabled: bool(env, 'TAPLINE_ENABLED'),
    appName: str(env, 'TAPLINE_APP_NAME'),
    environment: str(env, 'TAPLINE_ENVIRONMENT'),
    exporter: exporterFromEnv(env),
    logLevel: oneOf<LogLevel>(env, 'TAPLINE_LOG_LEVEL', LOG_LEVELS),
    queue: compact({
      maxSize: num(env, 'TAPLINE_QUEUE_SIZE'),
      maxBatchSize: num(env, 'TAPLINE_BATCH_SIZE'),
      scheduledDelayMs: num(env, 'TAPLINE_BATCH_DELAY_MS'),
      exportTimeoutMs: num(env, 'TAPLINE_EXPORT_TIMEOUT_MS'),
    }),
    shutdownTimeoutMs: num(env, 'TAPLINE_SHUTDOWN_TIMEOUT_MS'),
    flushOnExit: bool(env, 'TAPLINE_FLUSH_ON_EXIT'),
    streamDeadlineMs: num(env, 'TAPLINE_STREAM_DEADLINE_MS'),
    hashSecret: str(env, 'TAPLINE_HASH_SECRET'),
    captureContent: captureFromEnv(env),
    piiPolicy: oneOf(env, 'TAPLINE_PII_POLICY', ['redact', 'drop'] as const),
    identifierKeys: list(env, 'TAPLINE_IDENTIFIER_KEYS'),
    credentialFingerprint: bool(env, 'TAPLINE_CREDENTIAL_FINGERPRINT'),
    patternsFile: str(env, 'TAPLINE_PATTERNS_FILE'),
    maxScanLength: num(env, 'TAPLINE_MAX_SCAN_LENGTH'),
    sampling: compact({ rate: num(env, 'TAPLINE_SAMPLE_RATE'), keepErrors: keepAll, keepAborted: keepAll }),
    pricesFile: str(env, 'TAPLINE_PRICES_FILE'),
  };
  return compact(config) ?? {};
}
