import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderAnthropicMessages } from './anthropic-messages';
import { createId } from './create-id';
import { asObject, type JsonObject } from './json-value';
import { renderOpenaiChat } from './openai-chat';
import { renderOpenaiCompletions } from './openai-completions';
import { renderOpenaiEmbeddings } from './openai-embeddings';
import { openaiResponsesStreamError, renderOpenaiResponses } from './openai-responses';
import {
  anthropicErrorBody,
  anthropicStreamError,
  errorHeaders,
  openaiErrorBody,
  openaiStreamError,
} from './provider-error';
import { type ProviderReply, type SseEvent, sseEvent } from './provider-reply';
import { createReplyQueue } from './reply-queue';
import type { ScriptedReply, ScriptedStreamError } from './scripted-reply';
import { writeSse } from './write-sse';

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** Port to listen on; `0` (default) picks a free one. The host is always 127.0.0.1. */
  port?: number;
  /** Milliseconds before each response's headers are sent (default 0). */
  latencyMs?: number;
  /** Milliseconds between SSE events (default 0). */
  chunkDelayMs?: number;
}

/** A request as the mock server received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Path with the query string. */
  url: string;
  /** Lower-case header names; repeated headers are joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  body: JsonObject | undefined;
  rawBody: string;
  /** The scripted reply that answered this request, if any. */
  scripted: ScriptedReply | undefined;
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

type Provider = 'openai' | 'anthropic';

interface Route {
  provider: Provider;
  render(body: JsonObject, scripted: ScriptedReply | undefined): ProviderReply;
  streamError(error: ScriptedStreamError, sequenceNumber: number): SseEvent;
}

const openaiDataError = (error: ScriptedStreamError): SseEvent => sseEvent(openaiStreamError(error));

const routes: Record<string, Route> = {
  '/v1/chat/completions': { provider: 'openai', render: renderOpenaiChat, streamError: openaiDataError },
  '/v1/completions': { provider: 'openai', render: renderOpenaiCompletions, streamError: openaiDataError },
  '/v1/embeddings': { provider: 'openai', render: renderOpenaiEmbeddings, streamError: openaiDataError },
  '/v1/responses': {
    provider: 'openai',
    render: renderOpenaiResponses,
    streamError: (error, sequence) => sseEvent(openaiResponsesStreamError(error, sequence), 'error'),
  },
  '/v1/messages': {
    provider: 'anthropic',
    render: renderAnthropicMessages,
    streamError: (error) => sseEvent(anthropicStreamError(error), 'error'),
  },
};

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): JsonObject | undefined {
  if (!raw) return undefined;
  try {
    return asObject(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function requestIdHeaders(provider: Provider, requestId: string): Record<string, string> {
  return provider === 'openai'
    ? { 'x-request-id': requestId, 'openai-processing-ms': '1', 'openai-version': '2020-10-01' }
    : { 'request-id': requestId, 'anthropic-organization-id': '00000000-0000-0000-0000-000000000000' };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function withStreamError(events: SseEvent[], route: Route, error: ScriptedStreamError): SseEvent[] {
  const after = Math.max(0, Math.min(error.afterChunks ?? 1, events.length));
  return [...events.slice(0, after), route.streamError(error, after)];
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  scripted: ScriptedReply | undefined,
  options: Required<Omit<MockServerOptions, 'port'>>,
): Promise<void> {
  const route = routes[record.path];
  const provider: Provider =
    route?.provider ?? (record.path.startsWith('/v1/messages') ? 'anthropic' : 'openai');
  const requestId = createId(provider === 'openai' ? 'openai-req' : 'anthropic-req');
  const headers = { ...requestIdHeaders(provider, requestId), ...scripted?.headers };
  await delay(scripted?.latencyMs ?? options.latencyMs);
  if (res.destroyed) return;

  const error =
    scripted?.error ??
    (!route || req.method !== 'POST'
      ? { status: 404, message: `Invalid URL (${req.method} ${record.path})`, type: 'invalid_request_error' }
      : record.body === undefined
        ? { status: 400, message: 'We could not parse the JSON body of your request.' }
        : undefined);
  if (error) {
    const body = provider === 'openai' ? openaiErrorBody(error) : anthropicErrorBody(error, requestId);
    // Anthropic tells clients whether to retry; an explicit `shouldRetry` in the script wins.
    const anthropicRetry: Record<string, string> =
      provider === 'anthropic'
        ? { 'x-should-retry': String(error.status === 429 || error.status >= 500) }
        : {};
    sendJson(res, error.status, body, {
      ...headers,
      ...anthropicRetry,
      ...errorHeaders(error),
    });
    return;
  }
  if (scripted?.rawBody !== undefined) {
    sendJson(res, scripted.status ?? 200, scripted.rawBody, headers);
    return;
  }
  const reply: ProviderReply = scripted?.rawEvents
    ? {
        type: 'sse',
        events: scripted.rawEvents.map((event) => ({
          ...(event.event === undefined ? {} : { event: event.event }),
          data: typeof event.data === 'string' ? event.data : JSON.stringify(event.data),
        })),
      }
    : route!.render(record.body!, scripted);
  if (reply.type === 'json') {
    sendJson(res, reply.status, reply.body, { ...headers, ...reply.headers });
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
    ...reply.headers,
  });
  res.flushHeaders();
  const events = scripted?.streamError
    ? withStreamError(reply.events, route!, scripted.streamError)
    : reply.events;
  await writeSse(res, events, {
    chunkDelayMs: scripted?.chunkDelayMs ?? options.chunkDelayMs,
    ...(scripted?.cutAfterChunks === undefined ? {} : { cutAfterChunks: scripted.cutAfterChunks }),
  });
}

/**
 * Starts a mock LLM server on 127.0.0.1 that speaks the OpenAI (`/v1/chat/completions`, `/v1/responses`,
 * `/v1/embeddings`, `/v1/completions`) and Anthropic (`/v1/messages`) wire formats, JSON and SSE.
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
      const rawBody = await readBody(req);
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const scripted = queue.take(path);
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        url,
        headers: recordHeaders(req),
        body: parseJson(rawBody),
        rawBody,
        scripted,
      };
      requests.push(record);
      await respond(req, res, record, scripted, timing);
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
