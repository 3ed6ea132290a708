import { describe, expect, it } from 'vitest';
import { EXPORT_SUCCESS } from '../export/span-exporter';
import { hashIdentifier } from '../privacy/hash-identifier';
import type { SpanData } from '../span/span-data';
import { createTelemetry, type Telemetry } from '../telemetry/create-telemetry';
import { type SdkCallMapper, traceSdkCall } from './trace-sdk-call';

const mapper: SdkCallMapper = {
  kind: 'llm',
  operation: 'chat',
  request: (body) => ({ temperature: body.temperature }),
  input: () => undefined,
  result: (span, value) => span.set({ responseId: value.id }),
};

type Seen = Pick<
  SpanData,
  'name' | 'requestModel' | 'request' | 'responseId' | 'userIdHash' | 'sessionIdHash' | 'metadata'
>;
const SECRET = 'test-secret';

function setup() {
  const seen: Seen[] = [];
  const telemetry = createTelemetry(
    {
      flushOnExit: false,
      hashSecret: SECRET,
      exporter: { export: async () => EXPORT_SUCCESS, shutdown: async () => {} },
      stages: [
        {
          name: 'probe',
          process(span: SpanData) {
            // user stages run after the privacy stage: identity is seen hashed
            const { name, requestModel, request, responseId, userIdHash, sessionIdHash, metadata } = span;
            seen.push({ name, requestModel, request, responseId, userIdHash, sessionIdHash, metadata });
          },
        },
      ],
    },
    {},
  );
  return { telemetry, seen };
}

/** One traced call, inside `withContext`, with wrapper-level and per-call identity. */
async function tracedCall(telemetry: Telemetry, recordInto: Telemetry): Promise<void> {
  const context = {
    telemetry: () => recordInto,
    integration: 'test',
    provider: 'local',
    identity: { userId: 'wrapper-user', sessionId: 'wrapper-session', metadata: { from: 'wrapper', w: 1 } },
  };
  await telemetry.withContext({ sessionId: 'context-session', metadata: { from: 'context', c: 1 } }, () =>
    traceSdkCall(context, mapper, async () => ({ id: 'resp_1' }), {}, [
      { model: 'gpt-4o', temperature: 0.5 },
      { tapline: { metadata: { from: 'call', k: 1 } } },
    ]),
  );
  await telemetry.flush(1000);
}

describe('traceSdkCall', () => {
  it('records the same fields through a Telemetry not made by createTelemetry (the public API path)', async () => {
    const own = setup();
    await tracedCall(own.telemetry, own.telemetry);
    const foreign = setup();
    // a plain object with the same methods: the internal call-path start is not on it
    const stranger = { ...foreign.telemetry } as Telemetry;
    await tracedCall(foreign.telemetry, stranger);

    const expected = {
      name: 'chat gpt-4o',
      requestModel: 'gpt-4o',
      request: { temperature: 0.5 },
      responseId: 'resp_1',
      userIdHash: await hashIdentifier('wrapper-user', SECRET),
      sessionIdHash: await hashIdentifier('context-session', SECRET),
      metadata: { from: 'call', w: 1, c: 1, k: 1 },
    };
    expect(own.seen).toEqual([expected]);
    expect(foreign.seen).toEqual([{ ...expected, name: 'chat' }]);
  });
});
