import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { compatibilityPartitioner, Producer, type SASLMechanismValue } from '@platformatic/kafka';
import { type ExportResult, SCHEMA_VERSION, type SpanExporter, type SpanRecord } from '@tapline/core';

export interface KafkaExporterOptions {
  /** `host:port` of one or more brokers. */
  brokers: string[];
  topic: string;
  /** Default `tapline`. */
  clientId?: string;
  /** Default `gzip`. `snappy`, `lz4` and `zstd` (Node ≥ 22.15) also work; `none` turns it off. */
  compression?: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  sasl?: { mechanism: SASLMechanismValue; username?: string; password?: string; token?: string };
  /** `true` for TLS with the system's CAs, or Node TLS options (ca, cert, key, servername…). */
  tls?: boolean | TlsOptions;
  /** Connect and request timeouts. Default 10000 ms. */
  timeoutMs?: number;
  /** Retries inside the Kafka client for one send, at least 2. Default 3 (250 ms apart). */
  clientRetries?: number;
  /** Create the topic when missing (the broker must allow it). Default false. */
  autocreateTopics?: boolean;
}

/** The header every message carries: the wire-format version of its value. */
export const SCHEMA_VERSION_HEADER = 'tapline-schema-version';

const NOT_RETRYABLE = new Set(['PLT_KFK_AUTHENTICATION', 'PLT_KFK_USER', 'PLT_KFK_UNSUPPORTED_API']);

function classify(error: unknown): ExportResult {
  const code = (error as { code?: string } | undefined)?.code;
  if (code && NOT_RETRYABLE.has(code)) return { code: 'failed', error };
  return { code: 'retryable', error };
}

/**
 * One message per span: key = trace id (a trace stays in one partition, in order; the partitioner is the Java
 * client's murmur2), value = the span as wire-format v1 JSON, header `tapline-schema-version: 1`. The producer
 * is idempotent with acks=all, so a retried send does not duplicate within a producer session.
 */
export function kafkaExporter(options: KafkaExporterOptions): SpanExporter {
  const timeout = options.timeoutMs ?? 10_000;
  const tls = options.tls === true ? {} : options.tls || undefined;
  let producer: Producer | undefined;
  let closed = false;
  const headerKey = Buffer.from(SCHEMA_VERSION_HEADER);
  const headerValue = Buffer.from(String(SCHEMA_VERSION));

  const connect = (): Producer => {
    producer ??= new Producer({
      clientId: options.clientId ?? 'tapline',
      bootstrapBrokers: options.brokers,
      idempotent: true,
      acks: -1,
      compression: options.compression ?? 'gzip',
      partitioner: compatibilityPartitioner,
      autocreateTopics: options.autocreateTopics ?? false,
      connectTimeout: timeout,
      requestTimeout: timeout,
      timeout,
      // The client turns 0 or 1 into "retry forever" for an idempotent producer; keep its retries short and
      // bounded, withRetry (and the spool) handle longer outages.
      retries: Math.max(2, options.clientRetries ?? 3),
      retryDelay: 250,
      ...(tls ? { tls } : {}),
      ...(options.sasl ? { sasl: options.sasl } : {}),
    });
    return producer;
  };

  return {
    async export(spans: readonly SpanRecord[]): Promise<ExportResult> {
      if (closed) return { code: 'failed', error: new Error('Kafka exporter is shut down') };
      if (spans.length === 0) return { code: 'success' };
      try {
        const messages = spans.map((span) => ({
          topic: options.topic,
          key: Buffer.from(span.traceId),
          value: Buffer.from(JSON.stringify(span)),
          headers: new Map([[headerKey, headerValue]]),
        }));
        await connect().send({ messages });
        return { code: 'success' };
      } catch (error) {
        return classify(error);
      }
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      const current = producer;
      producer = undefined;
      await current?.close(true).catch(() => {});
    },
  };
}
