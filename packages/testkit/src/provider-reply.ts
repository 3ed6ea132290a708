/** One server-sent event; `data` is already serialized. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** What a provider renderer produces for one request: a JSON body or a list of SSE events. */
export type ProviderReply =
  | { type: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { type: 'sse'; events: SseEvent[]; headers?: Record<string, string> };

/** Builds an SSE event from a JSON-serializable payload. */
export function sseEvent(data: unknown, event?: string): SseEvent {
  return event === undefined ? { data: JSON.stringify(data) } : { event, data: JSON.stringify(data) };
}
