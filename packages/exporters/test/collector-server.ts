import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { SpanRecord } from '@tapline/core';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  bytes: number;
  envelope: { schemaVersion: number; sdk: unknown; sentAt: string; batchId: string; spans: SpanRecord[] };
}

export interface CollectorServer {
  port: number;
  url: string;
  /** Every request that parsed, duplicates included. */
  requests: ReceivedRequest[];
  /** Spans by span id, from batches accepted once per idempotency key. */
  spans: Map<string, SpanRecord>;
  duplicateBatches: number;
  /** The next responses, in order; a number is a status, a function decides. Empty: 200. */
  script: Array<number | ((res: http.ServerResponse) => boolean)>;
  /** Delay before answering, in ms. */
  delayMs: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A reference HTTP collector on loopback that follows the documented receiving contract. */
export async function startCollector(port = 0): Promise<CollectorServer> {
  const seen = new Set<string>();
  let server: http.Server | undefined;
  const state: CollectorServer = {
    port,
    url: '',
    requests: [],
    spans: new Map(),
    duplicateBatches: 0,
    script: [],
    delayMs: 0,
    async start() {
      const created = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const answer = () => {
            const next = state.script.shift();
            if (typeof next === 'function' && next(res)) return;
            if (typeof next === 'number' && next !== 200) {
              res.writeHead(next).end('scripted');
              return;
            }
            let body = Buffer.concat(chunks);
            if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
            const envelope = JSON.parse(body.toString('utf8')) as ReceivedRequest['envelope'];
            state.requests.push({ headers: req.headers, bytes: Buffer.concat(chunks).length, envelope });
            const key = String(req.headers['idempotency-key']);
            if (seen.has(key)) state.duplicateBatches++;
            else {
              seen.add(key);
              for (const span of envelope.spans) state.spans.set(span.spanId, span);
            }
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
          };
          if (state.delayMs > 0) setTimeout(answer, state.delayMs);
          else answer();
        });
      });
      server = created;
      await new Promise<void>((resolve) => created.listen(state.port, '127.0.0.1', resolve));
      state.port = (created.address() as AddressInfo).port;
      state.url = `http://127.0.0.1:${state.port}/v1/spans`;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
  await state.start();
  return state;
}
