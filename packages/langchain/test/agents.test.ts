import { type AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byName, edges, harness, singleTree } from './harness';
import { ScriptedChatModel } from './scripted-chat-model';

const getWeather = tool(async ({ city }: { city: string }) => `Sunny in ${city}`, {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: z.object({ city: z.string() }),
});

const brokenTool = tool(
  async (): Promise<string> => {
    throw new Error('weather service down');
  },
  { name: 'get_weather', description: 'Weather for a city', schema: z.object({ city: z.string() }) },
);

const usage = (input: number, output: number) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
});

function toolThenAnswer(): ScriptedChatModel {
  return new ScriptedChatModel({
    turns: [
      { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }], usage: usage(50, 10) },
      { text: 'It is sunny in Paris.', usage: usage(70, 8) },
    ],
  });
}

describe('a tool-calling agent loop (LCEL)', () => {
  it('nests both model calls and the tool call under the agent run', async () => {
    const h = harness();
    const model = toolThenAnswer();
    const agent = RunnableLambda.from(async (question: string, config) => {
      const messages: BaseMessage[] = [new HumanMessage(question)];
      for (let step = 0; step < 4; step++) {
        const reply = (await model.invoke(messages, config)) as AIMessage;
        messages.push(reply);
        if (!reply.tool_calls?.length) return String(reply.content);
        for (const call of reply.tool_calls) messages.push(await getWeather.invoke(call, config));
      }
      return 'gave up';
    }).withConfig({ runName: 'weather_agent' });
    expect(await agent.invoke('Weather in Paris?', { callbacks: [h.handler] })).toBe('It is sunny in Paris.');
    const spans = await h.spans();
    const root = singleTree(spans);
    expect(root).toMatchObject({ name: 'weather_agent', kind: 'agent', operation: 'invoke_agent' });
    expect(edges(spans)).toEqual([
      'agent:weather_agent → ∅',
      'llm:ScriptedChatModel → weather_agent',
      'llm:ScriptedChatModel → weather_agent',
      'tool:get_weather → weather_agent',
    ]);
    const [first, second] = spans.filter((span) => span.kind === 'llm');
    expect(first).toMatchObject({
      toolCalls: { count: 1, names: ['get_weather'] },
      finishReasons: ['tool_calls'],
    });
    expect(second!.usage).toMatchObject({ input: 70, output: 8 });
    const toolSpan = byName(spans).get_weather!;
    expect(toolSpan).toMatchObject({ operation: 'execute_tool', status: 'ok' });
    expect(h.raw.get(toolSpan.spanId)?.input?.[0]?.content).toContain('Paris');
    expect(h.raw.get(toolSpan.spanId)?.output).toMatchObject([{ role: 'tool', content: 'Sunny in Paris' }]);
  });

  it('records an error inside a tool on the tool span and the runs above it', async () => {
    const h = harness();
    const model = toolThenAnswer();
    const agent = RunnableLambda.from(async (question: string, config) => {
      const reply = (await model.invoke([new HumanMessage(question)], config)) as AIMessage;
      return brokenTool.invoke(reply.tool_calls![0]!, config);
    }).withConfig({ runName: 'agent' });
    await expect(agent.invoke('Weather?', { callbacks: [h.handler] })).rejects.toThrow(
      'weather service down',
    );
    const spans = byName(await h.spans());
    expect(spans.get_weather).toMatchObject({ status: 'error', error: { type: 'Error' } });
    expect(spans.agent).toMatchObject({ status: 'error' });
    expect(spans.ScriptedChatModel).toMatchObject({ status: 'ok' });
    expect(h.handler.openRuns).toBe(0);
  });
});

describe('a LangGraph graph', () => {
  function buildGraph(model: ScriptedChatModel) {
    const callModel = async (state: typeof MessagesAnnotation.State) => ({
      messages: [await model.invoke(state.messages)],
    });
    const route = (state: typeof MessagesAnnotation.State) => {
      const last = state.messages.at(-1) as AIMessage;
      return last.tool_calls?.length ? 'tools' : END;
    };
    return new StateGraph(MessagesAnnotation)
      .addNode('agent', callModel)
      .addNode('tools', new ToolNode([getWeather]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', route, ['tools', END])
      .addEdge('tools', 'agent')
      .compile();
  }

  it('is one tree: graph → nodes → model and tool calls, without hidden plumbing', async () => {
    const h = harness();
    const graph = buildGraph(toolThenAnswer());
    const result = await graph.invoke(
      { messages: [new HumanMessage('Weather in Paris?')] },
      { callbacks: [h.handler], configurable: { thread_id: 'thread-42' } },
    );
    expect(result.messages.at(-1)?.content).toBe('It is sunny in Paris.');
    const spans = await h.spans();
    const root = singleTree(spans);
    expect(root.name).toBe('LangGraph');
    const shape = edges(spans);
    expect(shape.filter((edge) => edge.startsWith('llm:'))).toEqual([
      'llm:ScriptedChatModel → agent',
      'llm:ScriptedChatModel → agent',
    ]);
    expect(shape).toContain('tool:get_weather → tools');
    expect(shape).toContain('agent:agent → LangGraph');
    expect(shape).toContain('chain:tools → LangGraph');
    expect(spans.some((span) => span.name.startsWith('ChannelWrite') || span.name === '__start__')).toBe(
      false,
    );
    // thread_id is a session identifier: moved off the metadata, into the (hashed) identity.
    expect(root.sessionIdHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(JSON.stringify(spans)).not.toContain('thread-42');
    expect(h.handler.openRuns).toBe(0);
  });

  it('records hidden plumbing runs when asked', async () => {
    const h = harness({}, { includeHidden: true });
    await buildGraph(toolThenAnswer()).invoke(
      { messages: [new HumanMessage('hi')] },
      { callbacks: [h.handler] },
    );
    const spans = await h.spans();
    singleTree(spans);
    expect(spans.length).toBeGreaterThan(6);
  });

  it('records a model error inside a graph node', async () => {
    const h = harness();
    const model = new ScriptedChatModel({
      turns: [{ error: Object.assign(new Error('boom'), { status: 500 }) }],
    });
    await expect(
      buildGraph(model).invoke({ messages: [new HumanMessage('hi')] }, { callbacks: [h.handler] }),
    ).rejects.toThrow('boom');
    const spans = await h.spans();
    singleTree(spans);
    const llm = spans.find((span) => span.kind === 'llm')!;
    expect(llm).toMatchObject({ status: 'error', error: { type: 'Error', httpStatus: 500 } });
    expect(byName(spans).LangGraph).toMatchObject({ status: 'error' });
    expect(h.handler.openRuns).toBe(0);
  });

  it('records a tool error reported back to the model by ToolNode', async () => {
    const h = harness();
    const model = toolThenAnswer();
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([brokenTool]))
      .addEdge(START, 'agent')
      .addConditionalEdges(
        'agent',
        (state) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END),
        ['tools', END],
      )
      .addEdge('tools', 'agent')
      .compile();
    const result = await graph.invoke({ messages: [new HumanMessage('hi')] }, { callbacks: [h.handler] });
    expect(result.messages.some((message) => message instanceof ToolMessage)).toBe(true);
    const spans = await h.spans();
    singleTree(spans);
    expect(byName(spans).get_weather).toMatchObject({ kind: 'tool', status: 'error' });
    expect(byName(spans).LangGraph).toMatchObject({ status: 'ok' });
  });
});
