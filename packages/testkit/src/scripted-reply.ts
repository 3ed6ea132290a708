/**
 * The script format: what a test enqueues on the mock server to decide the next response.
 *
 * A scripted reply describes the assistant turn independently of the wire format; the server renders it
 * in the format of the endpoint that receives the request (OpenAI chat, Responses, legacy completions,
 * embeddings or Anthropic messages), as JSON or as SSE depending on the request's `stream` flag.
 * Every field is optional: whatever is left out is filled with the deterministic default for that request.
 *
 * @example
 * server.enqueue({ text: 'Hello!', usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 4 } });
 * server.enqueue({ error: { status: 429, retryAfterMs: 10 }, times: 2 }, { text: 'finally' });
 * server.enqueue({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
 * server.enqueue({ text: 'partial answer', cutAfterChunks: 3 });
 */
export interface ScriptedReply {
  /** Only requests to this path consume the entry (e.g. `'/v1/messages'`); other requests skip it. */
  path?: string;
  /** Consume this entry for this many requests before moving on (default 1). */
  times?: number;
  /** Assistant text. For `n > 1` on OpenAI chat, an array gives one text per choice. */
  text?: string | string[];
  /** Structured output: serialized with `JSON.stringify` and sent as the assistant text. */
  json?: unknown;
  /** Tool / function calls the assistant makes (OpenAI tool_calls, Responses function_call items, Anthropic tool_use). */
  toolCalls?: ScriptedToolCall[];
  /** An OpenAI refusal (chat `message.refusal`, Responses `refusal` content part). Ignored by Anthropic. */
  refusal?: string;
  /** An Anthropic extended-thinking block placed before the text. Ignored by OpenAI endpoints. */
  thinking?: { text: string; signature?: string };
  /** Provider-native finish / stop reason, e.g. `'length'` or `'max_tokens'`. */
  finishReason?: string;
  /** Token usage; missing counts are estimated from the request and the reply (about 4 characters a token). */
  usage?: ScriptedUsage;
  /** Response model. Default: the request's model resolved to its dated snapshot where the real API does so. */
  model?: string;
  /** Response id. Default: a fresh id in the provider's format (`chatcmpl-…`, `resp_…`, `msg_…`, `cmpl-…`). */
  id?: string;
  /** Embedding vectors, one per input (embeddings endpoint only). Default: deterministic unit vectors. */
  embeddings?: number[][];
  /** Answer with an HTTP error in the provider's error shape instead of a completion. */
  error?: ScriptedError;
  /** Milliseconds to wait before sending response headers (overrides the server's `latencyMs`). */
  latencyMs?: number;
  /** Milliseconds between SSE events or Bedrock event-stream messages (overrides the server's `chunkDelayMs`). */
  chunkDelayMs?: number;
  /** Destroy the socket after this many SSE events (or Bedrock messages) were written: a stream cut mid-way. */
  cutAfterChunks?: number;
  /** Emit a provider in-stream error event after `afterChunks` events and end the stream there. */
  streamError?: ScriptedStreamError;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Send this JSON body verbatim (status 200 unless `status` is given), bypassing the renderer. */
  rawBody?: unknown;
  /** Send these SSE events verbatim (objects are JSON-serialized; on Bedrock streams, each `data` as a chunk). */
  rawEvents?: Array<{ event?: string; data: unknown }>;
  /** HTTP status for `rawBody`. */
  status?: number;
}

/** A tool call in a {@link ScriptedReply}. */
export interface ScriptedToolCall {
  /** Call id. Default: `call_…` (OpenAI) or `toolu_…` (Anthropic). */
  id?: string;
  name: string;
  /** Arguments as an object (serialized) or as the exact JSON string to send. */
  arguments?: Record<string, unknown> | string;
}

/** Token usage in a {@link ScriptedReply}, named provider-neutrally. */
export interface ScriptedUsage {
  /** Prompt / input tokens. For Anthropic this excludes cache reads and writes, as the real API does. */
  inputTokens?: number;
  outputTokens?: number;
  /** OpenAI `cached_tokens` / Anthropic `cache_read_input_tokens`. */
  cachedInputTokens?: number;
  /** Anthropic `cache_creation_input_tokens`. */
  cacheCreationInputTokens?: number;
  /** OpenAI `reasoning_tokens` (counted inside output tokens). */
  reasoningTokens?: number;
}

/** An HTTP error in a {@link ScriptedReply}; rendered in the provider's error body shape. */
export interface ScriptedError {
  /** HTTP status: 400, 401, 403, 404, 429, 500, 503, 529 … */
  status: number;
  /** Provider error type. Default by status, e.g. `rate_limit_error`, `overloaded_error`, `server_error`. */
  type?: string;
  message?: string;
  /** OpenAI `code`, e.g. `rate_limit_exceeded`. */
  code?: string | null;
  /** Sets the `retry-after` header (seconds, may be fractional). */
  retryAfterSeconds?: number;
  /** Sets the `retry-after-ms` header, which the SDKs prefer over `retry-after`. */
  retryAfterMs?: number;
  /** Sets `x-should-retry`, which overrides the SDKs' retry decision. */
  shouldRetry?: boolean;
}

/**
 * An in-stream error: Anthropic `event: error`, OpenAI `data: {"error": …}`, Responses `event: error`, or on a
 * Bedrock stream an AWS exception message (`type` when it ends in `Exception`, else `modelStreamErrorException`).
 */
export interface ScriptedStreamError {
  /** Number of normal events sent before the error event (default 1). */
  afterChunks?: number;
  /** Default `overloaded_error` (Anthropic) or `server_error` (OpenAI). */
  type?: string;
  message?: string;
}
