import type { PriceEntry } from '../cost/price-entry';
import { type DiagnosticsSink, LOG_LEVELS, type LogLevel } from '../diagnostics/diagnostics';
import type { SpanStage } from '../pipeline/span-stage';
import type { PatternDefinition } from '../privacy/pattern-definition';
import { DEFAULT_METADATA_LIMITS, type MetadataLimits } from '../span/sanitize-metadata';
import { TaplineConfigError } from './config-error';
import type { CaptureContent, ExporterOption, TaplineConfig } from './telemetry-config';
import { validateExporter } from './validate-exporter';
import {
  expectBoolean,
  expectInteger,
  expectOneOf,
  expectSection,
  expectString,
  isObject,
} from './validate-field';

/** Config after merging code over environment, validated, with every default applied. */
export interface ResolvedConfig {
  enabled: boolean;
  appName?: string;
  environment?: string;
  exporters: ExporterOption[];
  logLevel: LogLevel;
  logger?: DiagnosticsSink;
  queue: { maxSize: number; maxBatchSize: number; scheduledDelayMs: number; exportTimeoutMs: number };
  flushOnExit: boolean;
  shutdownTimeoutMs: number;
  metadataLimits: MetadataLimits;
  streamDeadlineMs: number;
  hashSecret?: string;
  captureContent: CaptureContent;
  piiPolicy: 'redact' | 'drop';
  identifierKeys: string[];
  credentialFingerprint: boolean;
  patterns: PatternDefinition[];
  patternsFile?: string;
  maxScanLength: number;
  sampling: { rate: number; keepErrors: boolean; keepAborted: boolean };
  prices: PriceEntry[];
  pricesFile?: string;
  modelAliases: Record<string, string>;
  stages: SpanStage[];
}

const KNOWN_KEYS = new Set<keyof TaplineConfig>([
  'enabled',
  'appName',
  'environment',
  'exporter',
  'logLevel',
  'logger',
  'queue',
  'flushOnExit',
  'shutdownTimeoutMs',
  'metadataLimits',
  'streamDeadlineMs',
  'hashSecret',
  'captureContent',
  'piiPolicy',
  'identifierKeys',
  'credentialFingerprint',
  'patterns',
  'patternsFile',
  'maxScanLength',
  'sampling',
  'prices',
  'pricesFile',
  'modelAliases',
  'stages',
]);

function validatePatterns(value: unknown): PatternDefinition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new TaplineConfigError('patterns', 'an array of { name, regex, type }', value);
  return value as PatternDefinition[];
}

/** Merges code config over environment config (code wins, nested sections merged key by key). */
export function mergeConfig(fromEnv: TaplineConfig, fromCode: TaplineConfig): TaplineConfig {
  const merged: TaplineConfig = { ...fromEnv, ...stripUndefined(fromCode) };
  for (const key of ['queue', 'sampling', 'metadataLimits'] as const) {
    const a = fromEnv[key];
    const b = fromCode[key];
    if (isObject(a) && isObject(b)) (merged as Record<string, unknown>)[key] = { ...a, ...stripUndefined(b) };
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Validates and applies defaults. Throws `TaplineConfigError` naming the first invalid field. */
export function resolveConfig(config: TaplineConfig): ResolvedConfig {
  if (!isObject(config)) throw new TaplineConfigError('config', 'an object', config);
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key as keyof TaplineConfig)) {
      throw new TaplineConfigError(
        key,
        `a known option (one of ${[...KNOWN_KEYS].join(', ')})`,
        config[key as keyof TaplineConfig],
      );
    }
  }

  const exporterOption = config.exporter;
  const exporterList =
    exporterOption === undefined ? [] : Array.isArray(exporterOption) ? exporterOption : [exporterOption];
  const exporters = exporterList.map((option, index) =>
    validateExporter(Array.isArray(exporterOption) ? `exporter[${index}]` : 'exporter', option),
  );

  const queue = expectSection('queue', config.queue, [
    'maxSize',
    'maxBatchSize',
    'scheduledDelayMs',
    'exportTimeoutMs',
  ]);
  const maxSize = expectInteger('queue.maxSize', queue.maxSize, 2048, 1, 10_000_000);
  const maxBatchSize = expectInteger(
    'queue.maxBatchSize',
    queue.maxBatchSize,
    Math.min(512, maxSize),
    1,
    100_000,
  );
  if (maxBatchSize > maxSize) {
    throw new TaplineConfigError('queue.maxBatchSize', `at most queue.maxSize (${maxSize})`, maxBatchSize);
  }

  const sampling = expectSection('sampling', config.sampling, ['rate', 'keepErrors', 'keepAborted']);
  const rate = sampling.rate ?? 1;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new TaplineConfigError('sampling.rate', 'a number from 0 to 1', rate);
  }

  const limits = expectSection('metadataLimits', config.metadataLimits, Object.keys(DEFAULT_METADATA_LIMITS));
  const metadataLimits = { ...DEFAULT_METADATA_LIMITS };
  for (const key of Object.keys(DEFAULT_METADATA_LIMITS) as (keyof MetadataLimits)[]) {
    metadataLimits[key] = expectInteger(
      `metadataLimits.${key}`,
      limits[key],
      DEFAULT_METADATA_LIMITS[key],
      1,
      10_000_000,
    );
  }

  if (config.logger !== undefined && typeof config.logger !== 'function') {
    throw new TaplineConfigError('logger', 'a function (level, message, detail) => void', config.logger);
  }
  if (config.identifierKeys !== undefined) {
    if (
      !Array.isArray(config.identifierKeys) ||
      !config.identifierKeys.every((k) => typeof k === 'string' && k)
    ) {
      throw new TaplineConfigError('identifierKeys', 'an array of non-empty strings', config.identifierKeys);
    }
  }
  if (config.prices !== undefined && !Array.isArray(config.prices)) {
    throw new TaplineConfigError('prices', 'an array of price entries', config.prices);
  }
  if (config.modelAliases !== undefined) {
    if (
      !isObject(config.modelAliases) ||
      !Object.values(config.modelAliases).every((v) => typeof v === 'string')
    ) {
      throw new TaplineConfigError(
        'modelAliases',
        'an object mapping your model names to known model names',
        config.modelAliases,
      );
    }
  }
  if (config.stages !== undefined) {
    if (
      !Array.isArray(config.stages) ||
      !config.stages.every((s) => isObject(s) && typeof s.process === 'function')
    ) {
      throw new TaplineConfigError('stages', 'an array of { name, process(span) } stages', config.stages);
    }
  }

  return {
    enabled: expectBoolean('enabled', config.enabled, true),
    appName: expectString('appName', config.appName),
    environment: expectString('environment', config.environment),
    exporters,
    logLevel: expectOneOf('logLevel', config.logLevel, LOG_LEVELS, 'none'),
    logger: config.logger as DiagnosticsSink | undefined,
    queue: {
      maxSize,
      maxBatchSize,
      scheduledDelayMs: expectInteger('queue.scheduledDelayMs', queue.scheduledDelayMs, 1000, 0, 3_600_000),
      exportTimeoutMs: expectInteger('queue.exportTimeoutMs', queue.exportTimeoutMs, 30_000, 1, 3_600_000),
    },
    flushOnExit: expectBoolean('flushOnExit', config.flushOnExit, true),
    shutdownTimeoutMs: expectInteger('shutdownTimeoutMs', config.shutdownTimeoutMs, 5000, 0, 3_600_000),
    metadataLimits,
    streamDeadlineMs: expectInteger('streamDeadlineMs', config.streamDeadlineMs, 600_000, 1, 86_400_000),
    hashSecret: expectString('hashSecret', config.hashSecret),
    captureContent: expectOneOf(
      'captureContent',
      config.captureContent,
      ['off', 'redacted', 'raw'] as const,
      'off',
    ),
    piiPolicy: expectOneOf('piiPolicy', config.piiPolicy, ['redact', 'drop'] as const, 'redact'),
    identifierKeys: config.identifierKeys ?? [],
    credentialFingerprint: expectBoolean('credentialFingerprint', config.credentialFingerprint, false),
    patterns: validatePatterns(config.patterns),
    patternsFile: expectString('patternsFile', config.patternsFile),
    maxScanLength: expectInteger('maxScanLength', config.maxScanLength, 65_536, 1, 100_000_000),
    sampling: {
      rate,
      keepErrors: expectBoolean('sampling.keepErrors', sampling.keepErrors, true),
      keepAborted: expectBoolean('sampling.keepAborted', sampling.keepAborted, true),
    },
    prices: config.prices ?? [],
    pricesFile: expectString('pricesFile', config.pricesFile),
    modelAliases: (config.modelAliases ?? {}) as Record<string, string>,
    stages: config.stages ?? [],
  };
}
