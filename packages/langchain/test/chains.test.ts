import { Document } from '@langchain/core/documents';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { FakeListChatModel, FakeLLM, FakeRetriever } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { byName, edges, harness, singleTree } from './harness';
import { ScriptedChatModel } from './scripted-chat-model';

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are terse.'],
  ['human', 'Tell me about {topic}'],
]);

describe('prompt | model | parser', () => {
  it('turns one invoke into one tree: sequence → prompt, model, parser', async () => {
    const h = harness();
    const chain = prompt
      .pipe(new FakeListChatModel({ responses: ['Cats purr.'] }))
      .pipe(new StringOutputParser());
    const result = await chain.invoke({ topic: 'cats' }, { callbacks: [h.handler] });
    expect(result).toBe('Cats purr.');
    const spans = await h.spans();
    expect(spans).toHaveLength(4);
    const root = singleTree(spans);
    expect(root.name).toBe('RunnableSequence');
    expect(root.kind).toBe('chain');
    expect(edges(spans)).toEqual([
      'chain:ChatPromptTemplate → RunnableSequence',
      'chain:RunnableSequence → ∅',
      'chain:StrOutputParser → RunnableSequence',
      'llm:FakeListChatModel → RunnableSequence',
    ]);
    const llm = byName(spans).FakeListChatModel!;
    expect(llm).toMatchObject({ operation: 'chat', status: 'ok', sdk: { integration: 'langchain' } });
    for (const span of spans) expect(span.status).toBe('ok');
    expect(h.handler.openRuns).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('captures the run conversion lazily: messages, prompt values and outputs', async () => {
    const h = harness();
    const chain = prompt
      .pipe(new FakeListChatModel({ responses: ['Cats purr.'] }))
      .pipe(new StringOutputParser());
    await chain.invoke({ topic: 'cats' }, { callbacks: [h.handler] });
    const spans = byName(await h.spans());
    expect(h.raw.get(spans.FakeListChatModel!.spanId)).toMatchObject({
      input: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Tell me about cats' },
      ],
      output: [{ role: 'assistant', content: 'Cats purr.' }],
    });
    expect(h.raw.get(spans.RunnableSequence!.spanId)).toMatchObject({
      input: [{ role: 'input', content: '{"topic":"cats"}' }],
      output: [{ role: 'output', content: 'Cats purr.' }],
    });
    expect(h.raw.get(spans.ChatPromptTemplate!.spanId)?.output).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Tell me about cats' },
    ]);
  });

  it('records model, provider, parameters, usage with cache and reasoning details, and cost', async () => {
    const h = harness();
    const model = new ScriptedChatModel({
      turns: [
        {
          text: 'Hi',
          usage: {
            input_tokens: 1000,
            output_tokens: 300,
            total_tokens: 1300,
            input_token_details: { cache_read: 400 },
            output_token_details: { reasoning: 120 },
          },
        },
      ],
    });
    await prompt.pipe(model).invoke({ topic: 'x' }, { callbacks: [h.handler] });
    const llm = (await h.spans()).find((span) => span.kind === 'llm')!;
    expect(llm).toMatchObject({
      name: 'ScriptedChatModel',
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: 'chatcmpl-scripted-1',
      finishReasons: ['stop'],
      request: { temperature: 0.2, maxTokens: 64 },
      usage: { input: 1000, output: 300, total: 1300, cachedInput: 400, reasoning: 120, source: 'provider' },
    });
    expect(llm.cost?.currency).toBe('USD');
    expect(llm.cost!.total).toBeGreaterThan(0);
    expect(llm.cost!.cachedInput).toBeGreaterThan(0);
    // Tags and non-model metadata are exported; ls_* descriptors are not.
    expect(llm.metadata).toMatchObject({ tags: ['seq:step:2'] });
    expect(JSON.stringify(llm.metadata)).not.toContain('ls_');
  });

  it('fills usage with the tokenizer when the model reports none, and says so', async () => {
    const h = harness();
    await new ScriptedChatModel({ turns: [{ text: 'The quick brown fox jumps.' }] }).invoke('Hello there', {
      callbacks: [h.handler],
    });
    const [llm] = await h.spans();
    expect(llm!.usage?.source).toBe('tokenizer');
    expect(llm!.usage!.input).toBeGreaterThan(0);
    expect(llm!.usage!.output).toBeGreaterThan(0);
  });

  it('uses llmOutput.tokenUsage for text-completion LLMs', async () => {
    const h = harness();
    class CountingLLM extends FakeLLM {
      override async _generate(prompts: string[]) {
        return {
          generations: prompts.map((text) => [{ text: `echo ${text}` }]),
          llmOutput: { tokenUsage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
        };
      }
    }
    await new CountingLLM({}).invoke('ping', { callbacks: [h.handler] });
    const [llm] = await h.spans();
    expect(llm).toMatchObject({
      kind: 'llm',
      operation: 'text_completion',
      usage: { input: 7, output: 3, total: 10, source: 'provider' },
    });
    expect(h.raw.get(llm!.spanId)?.input).toEqual([{ role: 'user', content: 'ping' }]);
  });
});

describe('stream and batch', () => {
  it('streams a sequence: time to first token and the streamed text', async () => {
    const h = harness();
    const model = new ScriptedChatModel({ turns: [{ text: 'one two three', delayMs: 5 }] });
    const chain = prompt.pipe(model).pipe(new StringOutputParser());
    let text = '';
    for await (const chunk of await chain.stream({ topic: 'numbers' }, { callbacks: [h.handler] }))
      text += chunk;
    expect(text).toBe('one two three');
    const spans = await h.spans();
    singleTree(spans);
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm.ttftMs).toBeGreaterThanOrEqual(4);
    expect(llm.ttftMs!).toBeLessThan(llm.durationMs);
    expect(h.raw.get(llm.spanId)?.output).toEqual([{ role: 'assistant', content: 'one two three' }]);
    const root = spans.find((span) => span.name === 'RunnableSequence')!;
    expect(h.raw.get(root.spanId)?.input).toEqual([{ role: 'input', content: '{"topic":"numbers"}' }]);
  });

  it('gives each batch element its own trace', async () => {
    const h = harness();
    const chain = prompt
      .pipe(new FakeListChatModel({ responses: ['a', 'b', 'c'] }))
      .pipe(new StringOutputParser());
    const results = await chain.batch([{ topic: '1' }, { topic: '2' }, { topic: '3' }], {
      callbacks: [h.handler],
    });
    expect(results).toHaveLength(3);
    const spans = await h.spans();
    expect(spans).toHaveLength(12);
    const traces = new Map<string, number>();
    for (const span of spans) traces.set(span.traceId, (traces.get(span.traceId) ?? 0) + 1);
    expect([...traces.values()]).toEqual([4, 4, 4]);
    expect(h.handler.openRuns).toBe(0);
  });
});

describe('where the handler is passed', () => {
  it('works from a model constructor', async () => {
    const h = harness();
    const model = new FakeListChatModel({ responses: ['ok'], callbacks: [h.handler] });
    await model.invoke('hi');
    const spans = await h.spans();
    expect(spans.map((span) => span.kind)).toEqual(['llm']);
  });

  it('propagates to child runs of a lambda', async () => {
    const h = harness();
    const model = new FakeListChatModel({ responses: ['x', 'y'] });
    const twice = RunnableLambda.from(async (input: string, config) => {
      const first = await model.invoke(input, config);
      const second = await model.invoke(String(first.content), config);
      return String(second.content);
    }).withConfig({ runName: 'twice' });
    await twice.invoke('go', { callbacks: [h.handler] });
    const spans = await h.spans();
    singleTree(spans);
    expect(edges(spans)).toEqual([
      'chain:twice → ∅',
      'llm:FakeListChatModel → twice',
      'llm:FakeListChatModel → twice',
    ]);
  });
});

describe('retrievers', () => {
  it('records a retriever inside a chain with the query and documents', async () => {
    const h = harness();
    const retriever = new FakeRetriever({
      output: [
        new Document({ pageContent: 'Paris is in France.' }),
        new Document({ pageContent: 'Lyon too.' }),
      ],
    });
    const chain = RunnableLambda.from((question: string) => question)
      .pipe(retriever)
      .pipe((documents) => documents.map((document) => document.pageContent).join('\n'));
    await chain.invoke('Where is Paris?', { callbacks: [h.handler] });
    const spans = await h.spans();
    singleTree(spans);
    const span = spans.find((candidate) => candidate.kind === 'retriever')!;
    expect(span).toMatchObject({
      name: 'FakeRetriever',
      operation: 'retrieve',
      metadata: { documentCount: 2 },
    });
    expect(h.raw.get(span.spanId)).toMatchObject({
      input: [{ role: 'query', content: 'Where is Paris?' }],
      output: [
        { role: 'document', content: 'Paris is in France.' },
        { role: 'document', content: 'Lyon too.' },
      ],
    });
  });
});
