import type { ScriptedError, ScriptedStreamError } from './scripted-reply';

const openaiDefaults: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: "Invalid value for 'messages': empty array." },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided: sk-mock. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again in 1ms.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

const anthropicTypes: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'messages: at least one message is required' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: {
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The headers that go with a scripted error (`retry-after`, `retry-after-ms`, `x-should-retry`). */
export function errorHeaders(error: ScriptedError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.retryAfterMs !== undefined) headers['retry-after-ms'] = String(error.retryAfterMs);
  if (error.shouldRetry !== undefined) headers['x-should-retry'] = String(error.shouldRetry);
  return headers;
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function openaiErrorBody(error: ScriptedError): unknown {
  const fallback =
    openaiDefaults[error.status] ?? (error.status >= 500 ? openaiDefaults[500]! : openaiDefaults[400]!);
  return {
    error: {
      message: error.message ?? fallback.message,
      type: error.type ?? fallback.type,
      param: null,
      code: error.code === undefined ? fallback.code : error.code,
    },
  };
}

/** Anthropic's error body: `{ type: 'error', error: { type, message }, request_id }`. */
export function anthropicErrorBody(error: ScriptedError, requestId: string): unknown {
  const fallback =
    anthropicTypes[error.status] ?? (error.status >= 500 ? anthropicTypes[500]! : anthropicTypes[400]!);
  return {
    type: 'error',
    error: { type: error.type ?? fallback.type, message: error.message ?? fallback.message },
    request_id: requestId,
  };
}

/** The in-stream error payload for OpenAI chat and legacy completions (`data: {"error": …}`). */
export function openaiStreamError(error: ScriptedStreamError): unknown {
  return {
    error: {
      message: error.message ?? 'The server had an error while processing your request. Sorry about that!',
      type: error.type ?? 'server_error',
      param: null,
      code: null,
    },
  };
}

/** The in-stream error payload for Anthropic (`event: error`). */
export function anthropicStreamError(error: ScriptedStreamError): unknown {
  return {
    type: 'error',
    error: { type: error.type ?? 'overloaded_error', message: error.message ?? 'Overloaded' },
  };
}
