import { convertArrayToReadableStream } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { harness, usage } from '../test/harness';
import { recordStream } from './record-stream';
import type { SdkPart } from './sdk-types';

const parts: SdkPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'resp_r', modelId: 'gpt-4o-mini-r' },
  { type: 'text-delta', id: '1', delta: 'Hel' },
  { type: 'text-delta', id: '1', delta: 'lo' },
  {
    type: 'finish',
    usage: usage({ noCache: 7 }, { text: 2 }),
    finishReason: { unified: 'stop', raw: 'stop' },
  },
] as unknown as SdkPart[];

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/** A source that counts pulls and records a cancel. */
function countingSource() {
  const seen = { pulls: 0, cancelled: undefined as unknown };
  const stream = new ReadableStream<SdkPart>(
    {
      pull(controller) {
        seen.pulls++;
        controller.enqueue({ type: 'text-delta', id: '1', delta: `t${seen.pulls}` } as SdkPart);
      },
      cancel(reason) {
        seen.cancelled = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function setup() {
  const h = harness();
  const span = h.telemetry.startSpan({ name: 'chat', kind: 'llm', integration: 'vercel-ai' });
  return { h, span };
}

describe('recordStream, as the AI SDK reads it (pipeThrough, no added layer)', () => {
  it('returns the provider stream itself and passes every part through into the transform', async () => {
    const { h, span } = setup();
    const source = convertArrayToReadableStream(parts);
    const recorded = recordStream(span, source, undefined, h.telemetry.diag);
    expect(recorded).toBe(source);
    const out = recorded.pipeThrough(new TransformStream<SdkPart, SdkPart>());
    expect(recorded.locked).toBe(true);
    expect(await readAll(out)).toEqual(parts);
    const [record] = await h.spans();
    expect(record).toMatchObject({
      status: 'ok',
      responseId: 'resp_r',
      responseModel: 'gpt-4o-mini-r',
      usage: { input: 7, output: 2, source: 'provider' },
      finishReasons: ['stop'],
    });
    expect(record?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('reads only as far ahead as the transform has room for', async () => {
    const { h, span } = setup();
    const { stream, seen } = countingSource();
    const out = recordStream(span, stream, undefined, h.telemetry.diag).pipeThrough(
      new TransformStream<SdkPart, SdkPart>(),
    );
    const reader = out.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // the native pipe reads the same way: one part handed on, at most a couple buffered in the transform
    expect(seen.pulls).toBeLessThanOrEqual(3);
    await reader.cancel('enough');
  });

  it('a consumer cancelling downstream cancels the provider stream and ends the span as aborted', async () => {
    const { h, span } = setup();
    const { stream, seen } = countingSource();
    const reader = recordStream(span, stream, undefined, h.telemetry.diag)
      .pipeThrough(new TransformStream<SdkPart, SdkPart>())
      .getReader();
    expect((await reader.read()).value).toMatchObject({ delta: 't1' });
    await reader.cancel('enough');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.cancelled).toBe('enough');
    const [record] = await h.spans();
    expect(record).toMatchObject({ status: 'aborted' });
    expect(h.errors).toEqual([]);
  });

  it('a provider stream that errors errors the output with the same error and ends the span as error', async () => {
    const { h, span } = setup();
    const failure = new Error('connection reset');
    const source = new ReadableStream<SdkPart>({
      start(controller) {
        controller.enqueue({ type: 'text-delta', id: '1', delta: 'partial' } as SdkPart);
      },
      pull(controller) {
        controller.error(failure);
      },
    });
    const out = recordStream(span, source, undefined, h.telemetry.diag).pipeThrough(
      new TransformStream<SdkPart, SdkPart>(),
    );
    await expect(readAll(out)).rejects.toBe(failure);
    const [record] = await h.spans();
    expect(record).toMatchObject({ status: 'error' });
  });

  it('a transform that throws cancels the provider stream; the span ends as aborted with that reason', async () => {
    const { h, span } = setup();
    const { stream, seen } = countingSource();
    const broken = new Error('transform failed');
    const out = recordStream(span, stream, undefined, h.telemetry.diag).pipeThrough(
      new TransformStream<SdkPart, SdkPart>({
        transform() {
          throw broken;
        },
      }),
    );
    await expect(readAll(out)).rejects.toBe(broken);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.cancelled).toBe(broken);
    const [record] = await h.spans();
    expect(record?.status).toBe('aborted');
  });
});

describe('recordStream, read any other way (an observing layer)', () => {
  it('getReader, async iteration, tee and pipeThrough with options all see every part; the span ends once', async () => {
    const ways: ((stream: ReadableStream<SdkPart>) => Promise<SdkPart[]>)[] = [
      (stream) => readAll(stream),
      async (stream) => {
        const out: SdkPart[] = [];
        for await (const part of stream as unknown as AsyncIterable<SdkPart>) out.push(part);
        return out;
      },
      async (stream) => {
        const [left, right] = stream.tee();
        const [a] = await Promise.all([readAll(left), readAll(right)]);
        return a;
      },
      (stream) => readAll(stream.pipeThrough(new TransformStream(), { preventClose: false })),
    ];
    for (const way of ways) {
      const { h, span } = setup();
      const recorded = recordStream(span, convertArrayToReadableStream(parts), undefined, h.telemetry.diag);
      expect(await way(recorded)).toEqual(parts);
      const spans = await h.spans();
      expect(spans).toHaveLength(1);
      expect(spans[0]).toMatchObject({ status: 'ok', usage: { input: 7, output: 2 } });
    }
  });

  it('cancel() before reading cancels the provider stream and ends the span as aborted', async () => {
    const { h, span } = setup();
    const { stream, seen } = countingSource();
    await recordStream(span, stream, undefined, h.telemetry.diag).cancel('not needed');
    expect(seen.cancelled).toBe('not needed');
    const [record] = await h.spans();
    expect(record?.status).toBe('aborted');
  });

  it('a locked stream keeps the native TypeError', () => {
    const { h, span } = setup();
    const recorded = recordStream(span, convertArrayToReadableStream(parts), undefined, h.telemetry.diag);
    recorded.pipeThrough(new TransformStream());
    expect(() => recorded.pipeThrough(new TransformStream())).toThrow(TypeError);
    expect(() => recorded.getReader()).toThrow(TypeError);
  });
});
