type Env = Record<string, string | undefined>;

/** Exporter-specific `TAPLINE_*` variables (core reads TAPLINE_EXPORTER and the endpoint/url/brokers/topic). */
export const EXPORTER_ENV_VARIABLES = {
  TAPLINE_HTTP_HEADERS: 'HTTP collector headers, `name=value` pairs separated by commas',
  TAPLINE_HTTP_TIMEOUT_MS: 'HTTP collector request timeout',
  TAPLINE_HTTP_GZIP_ABOVE_BYTES: 'gzip request bodies larger than this',
  TAPLINE_OTLP_HEADERS: 'OTLP headers, `name=value` pairs separated by commas',
  TAPLINE_OTLP_METRICS: "true: also record the GenAI client metrics on the app's OpenTelemetry MeterProvider",
  TAPLINE_OTLP_BRIDGE: "true: send spans through the app's OpenTelemetry TracerProvider instead of OTLP",
  TAPLINE_KAFKA_CLIENT_ID: 'Kafka client id',
  TAPLINE_KAFKA_COMPRESSION: 'none, gzip, snappy, lz4 or zstd',
  TAPLINE_KAFKA_TLS: 'true to connect with TLS',
  TAPLINE_KAFKA_SASL_MECHANISM: 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512',
  TAPLINE_KAFKA_SASL_USERNAME: 'SASL user name',
  TAPLINE_KAFKA_SASL_PASSWORD: 'SASL password',
  TAPLINE_SPOOL_DIR: 'turn the disk spool on, in this directory',
  TAPLINE_SPOOL_MAX_BYTES: 'spool size cap in bytes',
  TAPLINE_SPOOL_FSYNC: 'always or never',
} as const;

export function envString(env: Env, name: keyof typeof EXPORTER_ENV_VARIABLES): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function envNumber(env: Env, name: keyof typeof EXPORTER_ENV_VARIABLES): number | undefined {
  const value = envString(env, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** `a=1,b=2` → `{ a: '1', b: '2' }` (values may contain `=`; names and values are trimmed). */
export function envHeaders(
  env: Env,
  name: keyof typeof EXPORTER_ENV_VARIABLES,
): Record<string, string> | undefined {
  const value = envString(env, name);
  if (value === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const index = pair.indexOf('=');
    if (index > 0) headers[pair.slice(0, index).trim()] = decodeURIComponent(pair.slice(index + 1).trim());
  }
  return headers;
}
