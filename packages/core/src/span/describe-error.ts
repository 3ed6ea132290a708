import type { SpanError } from './span-record';

const MAX_MESSAGE = 512;

function pick(value: unknown, key: string): unknown {
  try {
    return value && (typeof value === 'object' || typeof value === 'function')
      ? (value as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Describes an error for a span: type (API error type or class name), code, HTTP status and a bounded message.
 * Reads only well-known fields (never headers or the request), and never throws. The message is redacted later
 * by the privacy stage.
 */
export function describeError(error: unknown): SpanError {
  try {
    if (error === null || error === undefined) return { type: 'Error' };
    if (typeof error !== 'object')
      return { type: typeof error, message: String(error).slice(0, MAX_MESSAGE) };
    const nested = pick(error, 'error');
    const status = pick(error, 'status') ?? pick(error, 'statusCode');
    const type =
      asString(pick(error, 'type')) ??
      asString(pick(nested, 'type')) ??
      asString(pick(error, 'name')) ??
      asString(pick(pick(error, 'constructor'), 'name')) ??
      'Error';
    const className = asString(pick(pick(error, 'constructor'), 'name'));
    const code = asString(pick(error, 'code')) ?? asString(pick(nested, 'code'));
    const message = asString(pick(error, 'message')) ?? asString(pick(nested, 'message'));
    const out: SpanError = {
      type: className && className !== 'Error' && className !== 'Object' ? className : type,
    };
    if (out.type !== type && type !== 'Error') out.code = type;
    if (code !== undefined) out.code = code;
    if (typeof status === 'number' && status >= 100 && status < 600) out.httpStatus = status;
    if (message) out.message = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
    return out;
  } catch {
    return { type: 'Error' };
  }
}
