import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderAnthropicMessages } from './anthropic-messages';
import { createId } from './create-id';
import type { JsonObject } from './json-value';
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
import type { RecordedRequest } from './recorded-request';
import type { ScriptedReply, ScriptedStreamError } from './scripted-reply';
import { writeSse } from './write-sse';

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

const anthropicMessages = routes['/v1/messages']!;

/** Anthropic on a cloud: the model travels in the path, the body is the Messages body without `model`. */
function anthropicModelInPath(model: string): Route {
  return {
    ...anthropicMessages,
    render: (body, scripted) => anthropicMessages.render({ ...body, model }, scripted),
  };
}

/** Vertex AI (`…/publishers/anthropic/models/{model}:rawPredict` or `:streamRawPredict`). */
const VERTEX_PATH = /\/publishers\/anthropic\/models\/([^/:]+):(?:rawPredict|streamRawPredict)$/;
/** Bedrock `InvokeModel` (`/model/{model}/invoke`); its streamed form uses AWS event-stream framing, not served. */
const BEDROCK_PATH = /^\/model\/([^/]+)\/invoke$/;

function routeFor(path: string): Route | undefined {
  const exact = routes[path];
  if (exact) return exact;
  const cloud = VERTEX_PATH.exec(path) ?? BEDROCK_PATH.exec(path);
  return cloud ? anthropicModelInPath(decodeURIComponent(cloud[1]!)) : undefined;
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function requestIdHeaders(provider: Provider, requestId: string): Record<string, string> {
  return provider === 'openai'
    ? { 'x-request-id': requestId, 'openai-processing-ms': '1', 'openai-version': '2020-10-01' }
    : { 'request-id': requestId, 'anthropic-organization-id': '00000000-0000-0000-0000-000000000000' };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
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

/**
 * Answers one recorded request: waits the latency, then sends the scripted error, raw body or raw events, or
 * the provider renderer's JSON / SSE for the route (404 for unknown routes, 400 for a body that is not JSON).
 */
export async function respondToRequest(
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  scripted: ScriptedReply | undefined,
  options: { latencyMs: number; chunkDelayMs: number },
): Promise<void> {
  const route = routeFor(record.path);
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
