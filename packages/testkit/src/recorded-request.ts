import type { IncomingMessage } from 'node:http';
import { asObject, type JsonObject } from './json-value';
import type { ScriptedReply } from './scripted-reply';

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

/** Reads the whole request and records it (the scripted reply is attached once the queue was consulted). */
export async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const rawBody = await readBody(req);
  const url = req.url ?? '/';
  return {
    method: req.method ?? 'GET',
    path: url.split('?')[0] ?? '/',
    url,
    headers: recordHeaders(req),
    body: parseJson(rawBody),
    rawBody,
    scripted: undefined,
  };
}
