import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { ExportResult, SpanExporter, SpanRecord } from '@tapline/core';
import { resultFromStatus } from '../shared/classify-status';
import { batchEnvelope } from './batch-envelope';
import { parseRetryAfter } from './parse-retry-after';

const gzip = promisify(gzipCallback);

export interface HttpExporterOptions {
  /** Where batches are POSTed, e.g. `https://collector.example.com/v1/spans`. */
  url: string;
  /** Extra request headers, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** Bodies larger than this many bytes are gzip-compressed. Default 16384; `false` never compresses. */
  gzipAboveBytes?: number | false;
  /** One request's limit, from connect to the end of the response. Default 10000 ms. */
  timeoutMs?: number;
  /** Sockets kept open to the collector. Default 4. */
  maxSockets?: number;
}

export const HTTP_EXPORTER_DEFAULTS = { gzipAboveBytes: 16_384, timeoutMs: 10_000, maxSockets: 4 } as const;

/**
 * POSTs each batch as one JSON envelope (see README: "HTTP receiving contract"). It never retries itself: a
 * network error, 408, 429 or 5xx is reported as `retryable` (with the `Retry-After` delay), any other non-2xx as
 * `failed`. Wrap it in `withRetry` for retries.
 */
export function httpExporter(options: HttpExporterOptions): SpanExporter {
  const url = new URL(options.url);
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  const maxSockets = options.maxSockets ?? HTTP_EXPORTER_DEFAULTS.maxSockets;
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets })
    : new http.Agent({ keepAlive: true, maxSockets });
  const timeoutMs = options.timeoutMs ?? HTTP_EXPORTER_DEFAULTS.timeoutMs;
  const gzipAbove = options.gzipAboveBytes ?? HTTP_EXPORTER_DEFAULTS.gzipAboveBytes;
  const baseHeaders = { ...options.headers };
  let closed = false;

  const send = (body: Buffer, headers: Record<string, string>): Promise<ExportResult> =>
    new Promise((resolve) => {
      let settled = false;
      const finish = (result: ExportResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const request = transport.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < 4096) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const text = status >= 300 ? Buffer.concat(chunks).toString('utf8') : undefined;
            finish(resultFromStatus(status, parseRetryAfter(response.headers['retry-after']), text));
          });
          response.on('error', (error) => finish({ code: 'retryable', error }));
        },
      );
      request.setTimeout(timeoutMs, () => {
        request.destroy(new Error(`HTTP collector did not answer within ${timeoutMs} ms`));
      });
      request.on('error', (error) => finish({ code: 'retryable', error }));
      request.end(body);
    });

  return {
    async export(spans: readonly SpanRecord[]): Promise<ExportResult> {
      if (closed) return { code: 'failed', error: new Error('HTTP exporter is shut down') };
      if (spans.length === 0) return { code: 'success' };
      try {
        const envelope = batchEnvelope(spans);
        let body = Buffer.from(JSON.stringify(envelope));
        const headers: Record<string, string> = {
          ...baseHeaders,
          'content-type': 'application/json',
          'idempotency-key': envelope.batchId,
          'x-tapline-schema-version': String(envelope.schemaVersion),
        };
        if (gzipAbove !== false && body.length > gzipAbove) {
          body = await gzip(body);
          headers['content-encoding'] = 'gzip';
        }
        return await send(body, headers);
      } catch (error) {
        return { code: 'failed', error };
      }
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      agent.destroy();
    },
  };
}
