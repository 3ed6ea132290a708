import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import {
  createTelemetry,
  registerParentResolver,
  resolveConfig,
  type SpanRecord,
  type Telemetry,
} from '@tapline/core';
import { describe, expect, it } from 'vitest';
import { ABORT_GRACE_MS } from '../src/end-run-with-error';
import { TaplineCallbackHandler } from '../src/index';
import { byName, edges, harness, singleTree } from './harness';
import { ScriptedChatModel } from './scripted-chat-model';

const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
const parser = new StringOutputParser();

describe('aborts', () => {
  it('ends the sequence and the model as aborted when the signal fires during invoke', async () => {
    const h = harness();
    const chain = prompt
      .pipe(new ScriptedChatModel({ turns: [{ text: 'late', delayMs: 200 }] }))
      .pipe(parser);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(
      chain.invoke({ topic: 'x' }, { callbacks: [h.handler], signal: controller.signal }),
    ).rejects.toThrow();
    const spans = await h.spans();
    singleTree(spans);
    const named = byName(spans);
    expect(named.RunnableSequence).toMatchObject({ status: 'aborted' });
    expect(named.ScriptedChatModel).toMatchObject({ status: 'aborted' });
    expect(named.StrOutputParser).toBeUndefined();
    expect(h.handler.openRuns).toBe(0);
  });

  it('keeps the partial output of an aborted stream', async () => {
    const h = harness();
    const chain = prompt.pipe(new ScriptedChatModel({ turns: [{ text: 'a b c d e f g h', delayMs: 15 }] }));
    const controller = new AbortController();
    const stream = await chain.stream({ topic: 'x' }, { callbacks: [h.handler], signal: controller.signal });
    let chunks = 0;
    await expect(
      (async () => {
        for await (const _ of stream) if (++chunks === 2) controller.abort();
      })(),
    ).rejects.toThrow();
    // LangChain abandons the stream without a callback: the model run ends when its signal fires, and the
    // sequence above it after the grace period.
    let spans = await h.spans();
    expect(spans.map((span) => `${span.name}:${span.status}`)).toEqual([
      'ChatPromptTemplate:ok',
      'ScriptedChatModel:aborted',
    ]);
    await new Promise((resolve) => setTimeout(resolve, ABORT_GRACE_MS + 100));
    spans = await h.spans();
    expect(byName(spans).RunnableSequence).toMatchObject({ status: 'aborted' });
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm.status).toBe('aborted');
    expect(llm.ttftMs).toBeGreaterThan(0);
    expect(llm.usage?.source).toBe('tokenizer');
    expect(llm.usage!.output).toBeGreaterThan(0);
    expect(h.handler.openRuns).toBe(0);
  });
});

describe('concurrency and context', () => {
  it('keeps 25 concurrent runs on one handler in 25 separate, complete trees', async () => {
    const h = harness();
    const model = new ScriptedChatModel({ turns: [{ text: 'ok', delayMs: 3 }] });
    const chain = prompt.pipe(model).pipe(parser);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => chain.invoke({ topic: `t${i}` }, { callbacks: [h.handler] })),
    );
    const spans = await h.spans();
    expect(spans).toHaveLength(100);
    const traces = new Map<string, SpanRecord[]>();
    for (const span of spans) traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
    expect(traces.size).toBe(25);
    for (const tree of traces.values()) {
      singleTree(tree);
      expect(edges(tree)).toHaveLength(4);
    }
    expect(h.handler.openRuns).toBe(0);
  });

  it('nests a run under the Tapline span active when it starts, with its identity', async () => {
    const h = harness();
    const chain = prompt.pipe(new FakeListChatModel({ responses: ['ok'] })).pipe(parser);
    await h.telemetry.withContext({ userId: 'alice@example.com' }, () =>
      h.telemetry.span('handle-request', () => chain.invoke({ topic: 'x' }, { callbacks: [h.handler] })),
    );
    const spans = await h.spans();
    const root = singleTree(spans);
    expect(root.name).toBe('handle-request');
    expect(byName(spans).RunnableSequence!.parentSpanId).toBe(root.spanId);
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm.userIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(JSON.stringify(spans)).not.toContain('alice@example.com');
  });

  it('nests a root run under the active OpenTelemetry span', async () => {
    const h = harness();
    const key = Symbol.for('opentelemetry.js.api.1');
    const otelSpan = { spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }) };
    const context = {
      getValue: (k: symbol) => (k === Symbol.for('OpenTelemetry Context Key SPAN') ? otelSpan : undefined),
    };
    const holder = globalThis as Record<symbol, unknown>;
    holder[key] = { version: '1.9.0', context: { active: () => context } };
    try {
      await new FakeListChatModel({ responses: ['ok'] }).invoke('hi', { callbacks: [h.handler] });
    } finally {
      delete holder[key];
    }
    const [llm] = await h.spans();
    expect(llm).toMatchObject({ traceId: 'a'.repeat(32), parentSpanId: 'b'.repeat(16) });
  });

  it('defers to a registered parent resolver (the OpenTelemetry bridge) for root runs', async () => {
    const h = harness();
    const unregister = registerParentResolver(() => ({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) }));
    try {
      await new FakeListChatModel({ responses: ['ok'] }).invoke('hi', { callbacks: [h.handler] });
    } finally {
      unregister();
    }
    const [llm] = await h.spans();
    expect(llm).toMatchObject({ traceId: 'c'.repeat(32), parentSpanId: 'd'.repeat(16) });
  });

  it('works with LangChain calling it in the background (awaitHandlers: false)', async () => {
    const h = harness({}, { awaitHandlers: false });
    await prompt
      .pipe(new FakeListChatModel({ responses: ['ok'] }))
      .pipe(parser)
      .invoke({ topic: 'x' }, { callbacks: [h.handler] });
    const { awaitAllCallbacks } = await import('@langchain/core/callbacks/promises');
    await awaitAllCallbacks();
    const spans = await h.spans();
    singleTree(spans);
    expect(spans).toHaveLength(4);
  });
});

describe('privacy defaults', () => {
  it('exports no content, no raw identifiers and no model descriptors by default', async () => {
    expect(resolveConfig({}).captureContent).toBe('off');
    const h = harness({ captureContent: 'off' });
    const chain = prompt.pipe(new FakeListChatModel({ responses: ['The secret answer'] })).pipe(parser);
    await chain.invoke(
      { topic: 'my password hunter2' },
      { callbacks: [h.handler], metadata: { user_id: 'u-123', session_id: 's-456', feature: 'faq' } },
    );
    const spans = await h.spans();
    const payload = JSON.stringify(spans);
    for (const secret of ['hunter2', 'The secret answer', 'u-123', 's-456'])
      expect(payload).not.toContain(secret);
    for (const span of spans) {
      expect(span.content).toBeUndefined();
      expect(span.flags.contentCaptured).toBe(false);
      expect(span.metadata).toMatchObject({ feature: 'faq' });
    }
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm.userIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(llm.sessionIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(llm.promptHash).toBeDefined();
  });
});

describe('bounded state', () => {
  it('ends runs that never end as aborted after the deadline', async () => {
    const h = harness({}, { runDeadlineMs: 40 });
    h.handler.handleChainStart({ id: ['x', 'Forever'] }, {}, 'run-1');
    h.handler.handleLLMStart({ id: ['x', 'FakeLLM'] }, ['hi'], 'run-2', 'run-1');
    expect(h.handler.openRuns).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.handler.openRuns).toBe(0);
    const spans = await h.spans();
    expect(spans.map((span) => span.status)).toEqual(['aborted', 'aborted']);
    expect(spans[0]!.error?.type).toBe('RunDeadlineError');
  });

  it('caps open runs, ending the oldest', async () => {
    const h = harness({}, { maxOpenRuns: 3 });
    for (let i = 0; i < 5; i++) h.handler.handleChainStart({ id: ['x', `Run${i}`] }, {}, `run-${i}`);
    expect(h.handler.openRuns).toBe(3);
    h.handler.dispose();
    const spans = await h.spans();
    expect(spans.map((span) => span.name)).toEqual(['Run0', 'Run1', 'Run2', 'Run3', 'Run4']);
    expect(spans.every((span) => span.status === 'aborted')).toBe(true);
  });

  it('ignores ends of unknown runs and malformed events without throwing', () => {
    const h = harness();
    const handler = h.handler as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of Object.getOwnPropertyNames(TaplineCallbackHandler.prototype)) {
      if (!method.startsWith('handle')) continue;
      expect(() => handler[method]!(null, null, null, null, null, null, null, null)).not.toThrow();
      expect(() => handler[method]!(undefined, undefined, 'nope')).not.toThrow();
    }
    expect(h.handler.openRuns).toBeLessThanOrEqual(5);
    h.handler.dispose();
  });

  it('never throws when telemetry itself fails, and reports it', async () => {
    const reported: string[] = [];
    const real = createTelemetry(
      { flushOnExit: false, logLevel: 'error', logger: (_l, message) => reported.push(message) },
      {},
    );
    const broken: Telemetry = {
      ...real,
      startSpan: () => {
        throw new Error('broken');
      },
    };
    const handler = new TaplineCallbackHandler({ telemetry: broken });
    const chain = prompt.pipe(new FakeListChatModel({ responses: ['fine'] })).pipe(parser);
    await expect(chain.invoke({ topic: 'x' }, { callbacks: [handler] })).resolves.toBe('fine');
    expect(reported.some((message) => message.includes('langchain.handleChainStart'))).toBe(true);
  });

  it('records nothing when telemetry is disabled', async () => {
    const h = harness({ enabled: false });
    await prompt
      .pipe(new FakeListChatModel({ responses: ['ok'] }))
      .invoke({ topic: 'x' }, { callbacks: [h.handler] });
    expect(h.handler.openRuns).toBe(0);
    expect(await h.spans()).toEqual([]);
  });
});
