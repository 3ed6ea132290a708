import type { ServerResponse } from 'node:http';

/** Options for {@link writeFrames}. */
export interface WriteFramesOptions {
  /** Milliseconds between frames. */
  chunkDelayMs: number;
  /** Destroy the socket after this many frames (simulates a connection cut mid-stream). */
  cutAfterChunks?: number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Writes already encoded stream frames (SSE text or AWS event-stream messages) to an already started response,
 * pausing `chunkDelayMs` between frames, then ends it — or destroys the socket after `cutAfterChunks` frames
 * so the client sees a truncated chunked body. Stops quietly when the client goes away.
 */
export async function writeFrames(
  res: ServerResponse,
  frames: Array<string | Uint8Array>,
  options: WriteFramesOptions,
): Promise<void> {
  const limit = Math.min(frames.length, options.cutAfterChunks ?? frames.length);
  let flushed: Promise<void> = Promise.resolve();
  for (let index = 0; index < limit; index++) {
    if (index > 0 && options.chunkDelayMs > 0) await delay(options.chunkDelayMs);
    if (res.destroyed) return;
    flushed = new Promise((resolve) => res.write(frames[index]!, () => resolve()));
  }
  if (options.cutAfterChunks === undefined) {
    res.end();
    return;
  }
  // Let the last frames reach the client before the connection is cut.
  await flushed;
  res.socket?.destroy();
}
