import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderAnthropicMessages } from './anthropic-messages';
import { bedrockEventStream } from './bedrock-event-stream';
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
import { type StreamEncoding, type StreamFrame, sseEncoding } from './stream-encoding';
import { writeFrames } from './write-frames';

type Provider = 'openai' | 'anthropic';

interface Route {
  provider: Provider;
  render(body: JsonObject, scripted: ScriptedReply | undefined): ProviderReply;
  /** How a streamed reply (and a scripted in-stream error) goes on the wire. */
  stream: StreamEncoding;
}

const openaiSse = sseEncoding((error) => sseEvent(openaiStreamError(error)));

const routes: Record<string, Route> = {
  '/v1/chat/completions': { provider: 'openai', render: renderOpenaiChat, stream: openaiSse },
  '/v1/completions': { provider: 'openai', render: renderOpenaiCompletions, stream: openaiSse },
  '/v1/embeddings': { provider: 'openai', render: renderOpenaiEmbeddings, stream: openaiSse },
  '/v1/responses': {
    provider: 'openai',
    render: renderOpenaiResponses,
    stream: sseEncoding((error, sequence) => sseEvent(openaiResponsesStreamError(error, sequence), 'error')),
  },
  '/v1/messages': {
    provider: 'anthropic',
    render: renderAnthropicMessages,
    stream: sseEncoding((error) => sseEvent(anthropicStreamError(error), 'error')),
  },
};

const anthropicMessages = routes['/v1/messages']!;

/**
 * Anthropic on a cloud: the model travels in the path, the body is the Messages body without `model`
 * (and, on Bedrock, without `stream`: the path says whether to stream, `override` carries it back).
 */
function anthropicModelInPath(model: string, override: JsonObject = {}): Route {
  return {
    ...anthropicMessages,
    render: (body, scripted) => anthropicMessages.render({ ...body, ...override, model }, scripted),
  };
}

/** Vertex AI (`…/publishers/anthropic/models/{model}:rawPredict` or `:streamRawPredict`). */
const VERTEX_PATH = /\/publishers\/anthropic\/models\/([^/:]+):(?:rawPredict|streamRawPredict)$/;
/**
 * Bedrock `InvokeModel` (`/model/{model}/invoke`, JSON) and `InvokeModelWithResponseStream`
 * (`/model/{model}/invoke-with-response-stream`, the same events in AWS event-stream framing).
 */
const BEDROCK_PATH = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

function routeFor(path: string): Route | undefined {
  const exact = routes[path];
  if (exact) return exact;
  const vertex = VERTEX_PATH.exec(path);
  if (vertex) return anthropicModelInPath(decodeURIComponent(vertex[1]!));
  const bedrock = BEDROCK_PATH.exec(path);
  if (!bedrock) return undefined;
  const model = decodeURIComponent(bedrock[1]!);
  return bedrock[2] === 'invoke'
    ? anthropicModelInPath(model)
    : { ...anthropicModelInPath(model, { stream: true }), stream: bedrockEventStream };
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

function streamFrames(
  events: SseEvent[],
  encoding: StreamEncoding,
  error: ScriptedStreamError | undefined,
): StreamFrame[] {
  if (!error) return events.map((event) => encoding.event(event));
  const after = Math.max(0, Math.min(error.afterChunks ?? 1, events.length));
  return [...events.slice(0, after).map((event) => encoding.event(event)), encoding.error(error, after)];
}

/**
 * Answers one recorded request: waits the latency, then sends the scripted error, raw body or raw events, or
 * the provider renderer's JSON or stream for the route (SSE; AWS event stream on Bedrock), 404 for unknown
 * routes, 400 for a body that is not JSON.
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
  const encoding = route!.stream;
  res.writeHead(200, { ...encoding.headers, ...headers, ...reply.headers });
  res.flushHeaders();
  await writeFrames(res, streamFrames(reply.events, encoding, scripted?.streamError), {
    chunkDelayMs: scripted?.chunkDelayMs ?? options.chunkDelayMs,
    ...(scripted?.cutAfterChunks === undefined ? {} : { cutAfterChunks: scripted.cutAfterChunks }),
  });
}
