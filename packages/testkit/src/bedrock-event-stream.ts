import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { StreamEncoding } from './stream-encoding';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
// The codec the AWS SDKs decode with (prelude and message CRC32s included); its utf8 helpers are passed in.
const codec = new EventStreamCodec(
  (bytes) => utf8Decoder.decode(bytes),
  (text) => utf8Encoder.encode(text),
);

function message(headers: Record<string, string>, payload: unknown): Uint8Array {
  return codec.encode({
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }]),
    ),
    body: utf8Encoder.encode(JSON.stringify(payload)),
  });
}

/** A Bedrock `chunk` event: payload `{"bytes": "<base64 of one Anthropic event's JSON data>"}`. */
export function encodeBedrockChunk(data: string): Uint8Array {
  return message(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    { bytes: Buffer.from(data, 'utf8').toString('base64') },
  );
}

/**
 * A Bedrock exception message, e.g. `modelStreamErrorException` or `throttlingException`: payload
 * `{"message": …}`.
 */
export function encodeBedrockException(exceptionType: string, text: string): Uint8Array {
  return message(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    { message: text },
  );
}

/**
 * Bedrock `InvokeModelWithResponseStream`: AWS event-stream messages (`application/vnd.amazon.eventstream`), one
 * `chunk` per Anthropic event. A scripted stream error becomes an exception message: `type` names it when it
 * ends in `Exception` (e.g. `throttlingException`), otherwise it is a `modelStreamErrorException`.
 */
export const bedrockEventStream: StreamEncoding = {
  headers: {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-bedrock-content-type': 'application/json',
  },
  event: (event) => encodeBedrockChunk(event.data),
  error: (error) =>
    encodeBedrockException(
      error.type?.endsWith('Exception') ? error.type : 'modelStreamErrorException',
      error.message ?? 'Overloaded',
    ),
};
