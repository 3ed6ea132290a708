import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RecordedRequest, readRequest } from './recorded-request';
import { createReplyQueue } from './reply-queue';
import { respondToRequest, sendJson } from './respond-to-request';
import type { ScriptedReply } from './scripted-reply';

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** Port to listen on; `0` (default) picks a free one. The host is always 127.0.0.1. */
  port?: number;
  /** Milliseconds before each response's headers are sent (default 0). */
  latencyMs?: number;
  /** Milliseconds between SSE events (default 0). */
  chunkDelayMs?: number;
}

/** A running mock LLM server; see {@link startMockServer}. */
export interface MockServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT/v1` — pass as `baseURL` to the openai SDK. */
  readonly openaiBaseURL: string;
  /** `http://127.0.0.1:PORT` — pass as `baseURL` to the Anthropic SDK (it appends `/v1/messages`). */
  readonly anthropicBaseURL: string;
  /** Every request received, in arrival order (retries included). */
  readonly requests: RecordedRequest[];
  /** Queues scripted replies; each request takes the first entry that applies to its path. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Number of requests the queued entries will still answer. */
  readonly pending: number;
  /** Clears the queue and the recorded requests. */
  reset(): void;
  /** Stops listening and destroys open (including keep-alive) connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a mock LLM server on 127.0.0.1 that speaks the OpenAI (`/v1/chat/completions`, `/v1/responses`,
 * `/v1/embeddings`, `/v1/completions`) and Anthropic (`/v1/messages`) wire formats, JSON and SSE, plus Anthropic
 * on Vertex AI (`…/publishers/anthropic/models/{model}:rawPredict` and `:streamRawPredict`; pass
 * `${url}/v1` as the Vertex client's `baseURL`) and on Bedrock (`/model/{model}/invoke`, and
 * `/model/{model}/invoke-with-response-stream` in AWS event-stream framing; pass `url` as the Bedrock `baseURL`).
 *
 * Each request takes the next applicable {@link ScriptedReply} from the queue filled by `enqueue`; with
 * nothing queued it gets a deterministic default answer built from the request (honouring `stream`,
 * `stream_options.include_usage`, `n`, tools, `response_format` / `text.format`, and Anthropic `thinking`).
 *
 * @example
 * const server = await startMockServer({ chunkDelayMs: 1 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: server.openaiBaseURL });
 * server.enqueue({ text: 'Hi there' });
 * await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * expect(server.requests[0]?.body?.model).toBe('gpt-4o-mini');
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const queue = createReplyQueue();
  const requests: RecordedRequest[] = [];
  const timing = { latencyMs: options.latencyMs ?? 0, chunkDelayMs: options.chunkDelayMs ?? 0 };
  const server = createServer((req, res) => {
    void (async () => {
      const record = await readRequest(req);
      const scripted = queue.take(record.path);
      record.scripted = scripted;
      requests.push(record);
      await respondToRequest(req, res, record, scripted, timing);
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'mock server failure' } }, {});
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    get pending() {
      return queue.size;
    },
    reset() {
      queue.clear();
      requests.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
