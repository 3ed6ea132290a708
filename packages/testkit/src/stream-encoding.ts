import type { SseEvent } from './provider-reply';
import type { ScriptedStreamError } from './scripted-reply';

/** One encoded piece of a streamed reply, written as is. */
export type StreamFrame = string | Uint8Array;

/** How a route puts a streamed reply on the wire: SSE for the providers' own APIs, AWS event stream for Bedrock. */
export interface StreamEncoding {
  /** Response headers of a stream (content type first). */
  headers: Record<string, string>;
  /** One rendered event as a frame. */
  event(event: SseEvent): StreamFrame;
  /** The frame of a scripted in-stream error sent after `sent` events; the stream ends with it. */
  error(error: ScriptedStreamError, sent: number): StreamFrame;
}

/** Formats one event in the `event: …\ndata: …\n\n` wire format. */
export function formatSseEvent(event: SseEvent): string {
  return `${event.event === undefined ? '' : `event: ${event.event}\n`}data: ${event.data}\n\n`;
}

/** Server-sent events, with the provider's in-stream error event. */
export function sseEncoding(
  streamError: (error: ScriptedStreamError, sent: number) => SseEvent,
): StreamEncoding {
  return {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    },
    event: formatSseEvent,
    error: (error, sent) => formatSseEvent(streamError(error, sent)),
  };
}
