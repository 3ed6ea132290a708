import { eventStreamToSSEResponse } from '@anthropic-ai/bedrock-sdk/core/streaming';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { describe, expect, it } from 'vitest';
import { bedrockEventStream, encodeBedrockChunk, encodeBedrockException } from './bedrock-event-stream';

const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

function headerValues(frame: Uint8Array): Record<string, unknown> {
  const { headers } = codec.decode(frame);
  return Object.fromEntries(Object.entries(headers).map(([name, header]) => [name, header.value]));
}

/** What the Bedrock SDK makes of these bytes: its own transcoder to Anthropic SSE, fed `pieceSize` bytes at a time. */
async function sdkSse(frames: Uint8Array[], pieceSize = Number.POSITIVE_INFINITY): Promise<string> {
  const bytes = Buffer.concat(frames);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += Math.min(pieceSize, bytes.length)) {
        controller.enqueue(bytes.subarray(offset, offset + pieceSize));
      }
      controller.close();
    },
  });
  const response = new Response(body, { headers: bedrockEventStream.headers });
  return eventStreamToSSEResponse(response).text();
}

describe('encodeBedrockChunk', () => {
  const data = JSON.stringify({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'héllo' },
  });

  it('frames one chunk event: prelude lengths, string headers and a base64 bytes payload', () => {
    const frame = encodeBedrockChunk(data);
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    expect(view.getUint32(0)).toBe(frame.byteLength);
    const headersLength = view.getUint32(4);
    // prelude (12) + headers + payload + message CRC (4)
    const payload = frame.subarray(12 + headersLength, frame.byteLength - 4);
    expect(headerValues(frame)).toEqual({
      ':event-type': 'chunk',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    const { bytes } = JSON.parse(new TextDecoder().decode(payload)) as { bytes: string };
    expect(Buffer.from(bytes, 'base64').toString('utf8')).toBe(data);
  });

  it('is read back by the Bedrock SDK as the same Anthropic SSE event, however the bytes are split', async () => {
    const frames = [encodeBedrockChunk(data), encodeBedrockChunk('{"type":"message_stop"}')];
    const expected = `event: content_block_delta\ndata: ${data}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n`;
    expect(await sdkSse(frames)).toBe(expected);
    expect(await sdkSse(frames, 1)).toBe(expected);
    expect(await sdkSse(frames, 7)).toBe(expected);
  });
});

describe('encodeBedrockException', () => {
  it('frames an exception message with its type and a message payload', () => {
    const frame = encodeBedrockException('throttlingException', 'Too many requests');
    expect(headerValues(frame)).toEqual({
      ':exception-type': 'throttlingException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    });
    expect(JSON.parse(new TextDecoder().decode(codec.decode(frame).body))).toEqual({
      message: 'Too many requests',
    });
  });

  it('becomes an SSE error event in the Bedrock SDK, after the chunks before it', async () => {
    const sse = await sdkSse([
      encodeBedrockChunk('{"type":"ping"}'),
      encodeBedrockException('throttlingException', 'Too many requests'),
    ]);
    expect(sse).toBe(
      'event: ping\ndata: {"type":"ping"}\n\n' +
        'event: error\ndata: {"type":"error","error":{"type":"throttlingException","message":"Too many requests"}}\n\n',
    );
  });
});

describe('bedrockEventStream', () => {
  it('sends the event-stream content type', () => {
    expect(bedrockEventStream.headers['content-type']).toBe('application/vnd.amazon.eventstream');
  });

  it.each([
    [{}, 'modelStreamErrorException', 'Overloaded'],
    [{ type: 'overloaded_error', message: 'busy' }, 'modelStreamErrorException', 'busy'],
    [{ type: 'serviceUnavailableException' }, 'serviceUnavailableException', 'Overloaded'],
  ])('renders the scripted stream error %j as a %s exception', async (error, type, message) => {
    const frame = bedrockEventStream.error(error, 0) as Uint8Array;
    expect(headerValues(frame)[':exception-type']).toBe(type);
    expect(await sdkSse([frame])).toBe(
      `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message } })}\n\n`,
    );
  });
});
