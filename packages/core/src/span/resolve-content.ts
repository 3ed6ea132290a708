import type { ContentSource, SpanData } from './span-data';
import type { ContentMessage } from './span-record';

function resolve(source: ContentSource | undefined): ContentMessage[] | undefined {
  if (source === undefined) return undefined;
  if (typeof source !== 'function') return source;
  const value = source();
  return Array.isArray(value) ? value : undefined;
}

/**
 * The span's prompt messages, producing them on first use (adapters may hand over a function so that the
 * conversion runs here, off the call path). Memoized on the span; a producer that throws yields undefined.
 */
export function inputMessages(span: SpanData): ContentMessage[] | undefined {
  try {
    const messages = resolve(span.input);
    span.input = messages;
    return messages;
  } catch {
    span.input = undefined;
    return undefined;
  }
}

/**
 * The span's completion messages; for streams without an explicit output, one assistant message made of the
 * streamed text deltas (joined once, here).
 */
export function outputMessages(span: SpanData): ContentMessage[] | undefined {
  try {
    let messages = resolve(span.output);
    if (!messages && span.outputChunks && span.outputChunks.length > 0) {
      messages = [{ role: 'assistant', content: span.outputChunks.join('') }];
    }
    span.output = messages;
    return messages;
  } catch {
    span.output = undefined;
    return undefined;
  }
}

/** The streamed completion text, joined once and memoized. */
export function streamedText(span: SpanData): string | undefined {
  const chunks = span.outputChunks;
  if (!chunks || chunks.length === 0) return undefined;
  if (chunks.length > 1) span.outputChunks = [chunks.join('')];
  return span.outputChunks![0];
}
