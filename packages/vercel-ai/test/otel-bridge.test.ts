// In OpenTelemetry bridge mode (@tapline/exporters' tracerProviderExporter, which registers core's parent
// resolver), Tapline's `llm` span for a model call nests under the AI SDK's own OpenTelemetry span for that same
// call. Real SDKs throughout: `ai` 7 with `@ai-sdk/otel` (its OpenTelemetry integration, and the legacy
// `ai.*` span layout), `ai` 6 with its built-in `experimental_telemetry: { isEnabled: true, tracer }`, and the
// OpenTelemetry SDK with an in-memory exporter and the AsyncLocalStorage context manager.
//
// Which SDK span is the parent: the SDK's *model-call* span (`chat {model}` with @ai-sdk/otel,
// `ai.generateText.doGenerate` / `ai.streamText.doStream` in the legacy layout and in `ai` 6), not the operation
// span. The SDK runs the provider call (the wrapped model's doGenerate / doStream, so the middleware) with that
// span active, and Tapline's span describes that same provider call, so it is its child; each step of a tool loop
// nests under its own step's model-call span.
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createTelemetry, type Telemetry } from '@tapline/core';
import { tracerProviderExporter } from '@tapline/exporters';
import { generateText, stepCountIs, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import {
  generateText as generateText6,
  streamText as streamText6,
  wrapLanguageModel as wrapLanguageModel6,
} from 'ai-v6';
import { MockLanguageModelV3, convertArrayToReadableStream as toStream6 } from 'ai-v6/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taplineMiddleware } from '../src/tapline-middleware';
import { usage, weather } from './harness';

const TAPLINE_SCOPE = '@tapline/exporters';

let provider: BasicTracerProvider;
let otelSpans: InMemorySpanExporter;
let telemetry: Telemetry;

beforeEach(() => {
  otelSpans = new InMemorySpanExporter();
  provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(otelSpans)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  telemetry = createTelemetry(
    { exporter: tracerProviderExporter({ tracerProvider: provider }), flushOnExit: false, logLevel: 'error' },
    {},
  );
});

afterEach(async () => {
  await telemetry.shutdown();
  trace.disable();
  context.disable();
  await provider.shutdown();
});

const generated = (text: string) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: usage({ noCache: 10 }, { text: 2 }),
  response: { id: 'r1', modelId: 'gpt-4o-2024', timestamp: new Date(0) },
  warnings: [],
});

const streamParts = () => [
  { type: 'stream-start' as const, warnings: [] },
  { type: 'text-start' as const, id: '1' },
  { type: 'text-delta' as const, id: '1', delta: 'Hel' },
  { type: 'text-delta' as const, id: '1', delta: 'lo' },
  { type: 'text-end' as const, id: '1' },
  {
    type: 'finish' as const,
    usage: usage({ noCache: 10 }, { text: 2 }),
    finishReason: { unified: 'stop' as const, raw: 'stop' },
  },
];

function model7() {
  const inner = new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doGenerate: generated('Hello'),
    doStream: async () => ({ stream: convertArrayToReadableStream(streamParts()) }),
  });
  return wrapLanguageModel({ model: inner, middleware: taplineMiddleware({ telemetry }) });
}

/** Every finished OpenTelemetry span, once Tapline has exported its own through the bridge. */
async function finished(): Promise<{ sdk: ReadableSpan[]; tapline: ReadableSpan[] }> {
  await telemetry.flush(2000);
  const all = otelSpans.getFinishedSpans();
  return {
    sdk: all.filter((span) => span.instrumentationScope.name !== TAPLINE_SCOPE),
    tapline: all.filter((span) => span.instrumentationScope.name === TAPLINE_SCOPE),
  };
}

function named(spans: ReadableSpan[], name: string): ReadableSpan[] {
  const found = spans.filter((span) => span.name === name);
  if (found.length === 0) throw new Error(`no span named ${name}: ${spans.map((span) => span.name)}`);
  return found;
}

/** The one span named `name`. */
function one(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = named(spans, name);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
}

/** Asserts that `child` is a direct child of `parent` in the same trace. */
function expectChildOf(child: ReadableSpan | undefined, parent: ReadableSpan): void {
  if (!child) throw new Error(`no child span under ${parent.name}`);
  expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
  expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
}

/** Asserts that each of `parents` has exactly one of `children` directly under it. */
function expectOneChildEach(children: ReadableSpan[], parents: ReadableSpan[]): void {
  expect(children).toHaveLength(parents.length);
  const byParent = new Map(children.map((span) => [span.parentSpanContext?.spanId, span]));
  for (const parent of parents) expectChildOf(byParent.get(parent.spanContext().spanId), parent);
}

describe('bridge mode with ai 7 and @ai-sdk/otel (OpenTelemetry integration)', () => {
  it('nests the generateText llm span under the SDK model-call span (chat gpt-4o)', async () => {
    const integration = new OpenTelemetry({ tracer: provider.getTracer('ai') });
    const result = await generateText({
      model: model7(),
      prompt: 'Hi',
      telemetry: { isEnabled: true, integrations: [integration] },
    });
    expect(result.text).toBe('Hello');

    const { sdk, tapline } = await finished();
    expect(tapline).toHaveLength(1);
    const llm = tapline[0];
    const modelCall = one(sdk, 'chat gpt-4o');
    expectChildOf(llm, modelCall);
    // the SDK's own tree above it: invoke_agent → step 1 → chat
    expectChildOf(modelCall, one(sdk, 'step 1'));
    expectChildOf(one(sdk, 'step 1'), one(sdk, 'invoke_agent gpt-4o'));
    expect(llm?.attributes['gen_ai.usage.input_tokens']).toBe(10);
  });

  it('nests the streamText llm span under the SDK model-call span, with the stream read to the end', async () => {
    const integration = new OpenTelemetry({ tracer: provider.getTracer('ai') });
    const result = streamText({
      model: model7(),
      prompt: 'Hi',
      telemetry: { isEnabled: true, integrations: [integration] },
    });
    expect(await result.text).toBe('Hello');

    const { sdk, tapline } = await finished();
    expect(tapline).toHaveLength(1);
    expectChildOf(tapline[0], one(sdk, 'chat gpt-4o'));
  });

  it('nests each step of a tool loop under its own step model-call span', async () => {
    const inner = new MockLanguageModelV4({
      provider: 'openai.chat',
      modelId: 'gpt-4o',
      doGenerate: [
        {
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Oslo"}' }],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          usage: usage({ noCache: 20 }, { text: 8 }),
          response: { id: 'r1', modelId: 'gpt-4o-1', timestamp: new Date(0) },
          warnings: [],
        },
        generated('Sunny'),
      ],
    });
    const model = wrapLanguageModel({ model: inner, middleware: taplineMiddleware({ telemetry }) });
    const integration = new OpenTelemetry({ tracer: provider.getTracer('ai') });
    await generateText({
      model,
      prompt: 'Weather in Oslo?',
      stopWhen: stepCountIs(3),
      tools: { weather },
      telemetry: { isEnabled: true, integrations: [integration] },
    });

    const { sdk, tapline } = await finished();
    const modelCalls = named(sdk, 'chat gpt-4o');
    expect(modelCalls).toHaveLength(2);
    expectOneChildEach(tapline, modelCalls);
  });
});

describe('bridge mode with ai 7 and @ai-sdk/otel (legacy ai.* spans)', () => {
  it('nests generateText and streamText llm spans under ai.*.doGenerate / doStream', async () => {
    const integration = new LegacyOpenTelemetry({ tracer: provider.getTracer('ai') });
    await generateText({ model: model7(), prompt: 'Hi', telemetry: { integrations: [integration] } });
    const streamed = streamText({
      model: model7(),
      prompt: 'Hi',
      telemetry: { integrations: [integration] },
    });
    await streamed.text;

    const { sdk, tapline } = await finished();
    expectOneChildEach(tapline, [one(sdk, 'ai.generateText.doGenerate'), one(sdk, 'ai.streamText.doStream')]);
  });
});

describe('bridge mode with ai 6 (built-in experimental_telemetry)', () => {
  function model6() {
    const inner = new MockLanguageModelV3({
      provider: 'openai.chat',
      modelId: 'gpt-4o',
      doGenerate: generated('Hello'),
      doStream: async () => ({ stream: toStream6(streamParts()) }),
    });
    return wrapLanguageModel6({
      model: inner,
      middleware: taplineMiddleware({ telemetry, specificationVersion: 'v3' }),
    });
  }

  it('nests generateText and streamText llm spans under ai.*.doGenerate / doStream', async () => {
    const tracer = provider.getTracer('ai');
    await generateText6({
      model: model6(),
      prompt: 'Hi',
      experimental_telemetry: { isEnabled: true, tracer },
    });
    const streamed = streamText6({
      model: model6(),
      prompt: 'Hi',
      experimental_telemetry: { isEnabled: true, tracer },
    });
    await streamed.text;

    const { sdk, tapline } = await finished();
    expectOneChildEach(tapline, [one(sdk, 'ai.generateText.doGenerate'), one(sdk, 'ai.streamText.doStream')]);
    expectChildOf(one(sdk, 'ai.generateText.doGenerate'), one(sdk, 'ai.generateText'));
  });
});
