import type { ServerResponse } from 'node:http';
import type { SseEvent } from './provider-reply';

/** Options for {@link writeSse}. */
export interface WriteSseOptions {
  /** Milliseconds between events. */
  chunkDelayMs: number;
  /** Destroy the socket after this many events (simulates a connection cut mid-stream). */
  cutAfterChunks?: number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Formats one event in the `event: …\ndata: …\n\n` wire format. */
export function formatSseEvent(event: SseEvent): string {
  return `${event.event === undefined ? '' : `event: ${event.event}\n`}data: ${event.data}\n\n`;
}

/**
 * Writes SSE events to an already started response, pausing `chunkDelayMs` between events, then ends it —
 * or destroys the socket after `cutAfterChunks` events so the client sees a truncated chunked body.
 * Stops quietly when the client goes away.
 */
export async function writeSse(
  res: ServerResponse,
  events: SseEvent[],
  options: WriteSseOptions,
): Promise<void> {
  const limit = Math.min(events.length, options.cutAfterChunks ?? events.length);
  let flushed: Promise<void> = Promise.resolve();
  for (let index = 0; index < limit; index++) {
    if (index > 0 && options.chunkDelayMs > 0) await delay(options.chunkDelayMs);
    if (res.destroyed) return;
    flushed = new Promise((resolve) => res.write(formatSseEvent(events[index]!), () => resolve()));
  }
  if (options.cutAfterChunks === undefined) {
    res.end();
    return;
  }
  // Let the last events reach the client before the connection is cut.
  await flushed;
  res.socket?.destroy();
}
