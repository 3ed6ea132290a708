import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import {
  type ContentMessage,
  getTelemetry,
  guard,
  type Span,
  type SpanKind,
  type StartSpanOptions,
  type Telemetry,
} from '@tapline/core';
import { endModelRun, hasToolCallChunks } from './end-model-run';
import { endRunWithError } from './end-run-with-error';
import type { LLMResultLike } from './llm-end-fields';
import { className, modelFields, type SerializedLike } from './model-info';
import { RunRegistry, type RunState } from './run-registry';
import { type RunContext, type RunStart, startRun } from './start-run';
import type { TaplineCallbackHandlerOptions } from './tapline-callback-handler-options';
import {
  documentsToContent,
  messagesToContent,
  messageToContent,
  stringify,
  valueToContent,
} from './to-content';
import { watchAbortSignal } from './watch-abort-signal';

const AGENT_NAME = /agent/i;

type Meta = Record<string, unknown>;

/**
 * A LangChain.js callback handler that turns runs into Tapline spans: chat models and LLMs become `llm` spans,
 * chains and runnables `chain` (or `agent`), tools `tool`, retrievers `retriever`; runs nest by `parentRunId`
 * into one trace. Callbacks only capture references and timestamps; conversion runs in the pipeline.
 */
export class TaplineCallbackHandler extends BaseCallbackHandler {
  name = 'TaplineCallbackHandler';
  private readonly options: TaplineCallbackHandlerOptions;
  private readonly registry: RunRegistry;
  private readonly context: RunContext;

  constructor(options: TaplineCallbackHandlerOptions = {}) {
    super();
    this.options = options;
    this.awaitHandlers = options.awaitHandlers ?? true;
    this.registry = new RunRegistry({
      deadlineMs: options.runDeadlineMs ?? 600_000,
      maxRuns: options.maxOpenRuns ?? 10_000,
      onEvict: (reason, count) =>
        this.telemetry.diag.warn(`langchain: ended ${count} open run(s) as aborted (${reason})`),
    });
    const { userId, sessionId, metadata } = options;
    this.context = {
      registry: this.registry,
      telemetry: () => this.telemetry,
      identity: userId || sessionId || metadata ? { userId, sessionId, metadata } : undefined,
      includeHidden: options.includeHidden ?? false,
      otelContext: options.otelContext ?? true,
    };
  }

  /** Handlers are shared, not copied: run state is keyed by run id. */
  override copy(): this {
    return this;
  }

  get telemetry(): Telemetry {
    return this.options.telemetry ?? getTelemetry();
  }

  /** Runs started and not yet ended. */
  get openRuns(): number {
    return this.registry.size;
  }

  /** Ends every open run as aborted (e.g. before shutdown). */
  dispose(): void {
    this.registry.clear(new Error('TaplineCallbackHandler disposed'));
  }

  // ── models ──────────────────────────────────────────────────────────────────────────────────────────────

  override handleChatModelStart(
    llm: SerializedLike,
    messages: unknown[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Meta,
    tags?: string[],
    metadata?: Meta,
    runName?: string,
  ): void {
    const group = messages?.[0];
    this.startModelRun('handleChatModelStart', llm, runId, parentRunId, extraParams, tags, metadata, {
      name: runName ?? className(llm) ?? 'chat_model',
      operation: 'chat',
      input: group ? () => messagesToContent(group) : undefined,
    });
  }

  override handleLLMStart(
    llm: SerializedLike,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Meta,
    tags?: string[],
    metadata?: Meta,
    runName?: string,
  ): void {
    this.startModelRun('handleLLMStart', llm, runId, parentRunId, extraParams, tags, metadata, {
      name: runName ?? className(llm) ?? 'llm',
      operation: 'text_completion',
      input: () => prompts.map((prompt) => ({ role: 'user', content: prompt })),
    });
  }

  override handleLLMNewToken(
    token: string,
    _idx: unknown,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: { chunk?: unknown },
  ): void {
    const state = this.registry.get(runId);
    if (state === undefined) return;
    this.safely('handleLLMNewToken', () => {
      const { span } = state;
      if (!token && !hasToolCallChunks(fields?.chunk)) return;
      if (state.streamed !== true) {
        state.streamed = true;
        span.markFirstToken();
      }
      if (token) span.appendOutputText(token);
    });
  }

  override handleLLMEnd(output: LLMResultLike, runId: string): void {
    this.safely('handleLLMEnd', () => {
      const state = this.takeOwned(runId);
      if (!state) return;
      endModelRun(state, output);
    });
  }

  override handleLLMError(error: unknown, runId: string): void {
    this.safely('handleLLMError', () => {
      const state = this.takeOwned(runId);
      if (!state) return;
      const partial = (error as { partialMessage?: unknown } | null)?.partialMessage;
      if (partial && typeof partial === 'object')
        state.span.setOutput(() => [messageToContent(partial as Parameters<typeof messageToContent>[0])]);
      endRunWithError(this.registry, runId, state, error);
    });
  }

  // ── chains, agents ──────────────────────────────────────────────────────────────────────────────────────

  override handleChainStart(
    chain: SerializedLike,
    inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Meta,
    _runType?: string,
    runName?: string,
  ): void {
    const name = runName ?? className(chain) ?? 'chain';
    const kind: SpanKind = AGENT_NAME.test(name) ? 'agent' : 'chain';
    this.begin(
      'handleChainStart',
      { runId, parentRunId, tags, metadata },
      { name, kind, operation: kind === 'agent' ? 'invoke_agent' : undefined },
      () => valueToContent(inputs, 'input'),
    );
  }

  override handleChainEnd(
    outputs: unknown,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    kwargs?: { inputs?: unknown },
  ): void {
    this.safely('handleChainEnd', () => {
      const inputs = kwargs?.inputs;
      this.endRun(
        runId,
        () => valueToContent(outputs, 'output'),
        (span) => {
          if (inputs !== undefined) span.setInput(() => valueToContent(inputs, 'input'));
        },
      );
    });
  }

  override handleChainError(
    error: unknown,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    kwargs?: { inputs?: unknown },
  ): void {
    const inputs = kwargs?.inputs;
    this.failRun('handleChainError', runId, error, (span) => {
      if (inputs !== undefined) span.setInput(() => valueToContent(inputs, 'input'));
    });
  }

  override handleAgentAction(action: { tool?: string }, runId: string): void {
    this.safely('handleAgentAction', () => {
      const state = this.registry.get(runId);
      if (state === undefined || !state.owned || typeof action?.tool !== 'string') return;
      if (state.toolNames === undefined) state.toolNames = [];
      const names = state.toolNames;
      names.push(action.tool);
      state.span.set({ toolCalls: { count: names.length, names: [...new Set(names)] } });
    });
  }

  override handleAgentEnd(finish: { returnValues?: unknown }, runId: string): void {
    this.safely('handleAgentEnd', () => {
      const state = this.registry.get(runId);
      if (state === undefined || !state.owned) return;
      const values = finish?.returnValues;
      state.span.setOutput(() => valueToContent(values, 'output'));
    });
  }

  // ── tools, retrievers ───────────────────────────────────────────────────────────────────────────────────

  override handleToolStart(
    tool: SerializedLike,
    input: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Meta,
    runName?: string,
  ): void {
    this.begin(
      'handleToolStart',
      { runId, parentRunId, tags, metadata },
      { name: runName ?? tool?.name ?? className(tool) ?? 'tool', kind: 'tool', operation: 'execute_tool' },
      () => [{ role: 'tool', content: stringify(input) }],
    );
  }

  override handleToolEnd(output: unknown, runId: string): void {
    this.safely('handleToolEnd', () => {
      this.endRun(runId, () => valueToContent(output, 'tool'));
    });
  }

  override handleToolError(error: unknown, runId: string): void {
    this.failRun('handleToolError', runId, error);
  }

  override handleRetrieverStart(
    retriever: SerializedLike,
    query: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Meta,
    runName?: string,
  ): void {
    this.begin(
      'handleRetrieverStart',
      { runId, parentRunId, tags, metadata },
      { name: runName ?? className(retriever) ?? 'retriever', kind: 'retriever', operation: 'retrieve' },
      () => [{ role: 'query', content: stringify(query) }],
    );
  }

  override handleRetrieverEnd(documents: unknown[], runId: string): void {
    this.safely('handleRetrieverEnd', () => {
      if (!Array.isArray(documents)) return this.endRun(runId);
      this.endRun(
        runId,
        () => documentsToContent(documents),
        (span) => span.setMetadata({ documentCount: documents.length }),
      );
    });
  }

  override handleRetrieverError(error: unknown, runId: string): void {
    this.failRun('handleRetrieverError', runId, error);
  }

  // ── shared ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Ends a model run (and, after a grace period, the runs above it) when its call's signal aborts. */
  private watchSignal(runId: string, extraParams: Meta | undefined): void {
    const signal = (extraParams?.options as { signal?: unknown } | undefined)?.signal;
    if (signal === undefined) return;
    const state = this.registry.get(runId);
    if (state) state.detach = watchAbortSignal(this.registry, runId, signal);
  }

  /** Starts a chat model or LLM run: an `llm` span with the model's fields, its prompt, its abort signal. */
  private startModelRun(
    where: string,
    llm: SerializedLike,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Meta | undefined,
    tags: string[] | undefined,
    metadata: Meta | undefined,
    model: { name: string; operation: 'chat' | 'text_completion'; input?: () => ContentMessage[] },
  ): void {
    this.begin(
      where,
      { runId, parentRunId, tags, metadata },
      { name: model.name, kind: 'llm', ...modelFields(llm, extraParams, metadata, model.operation) },
      model.input,
      () => this.watchSignal(runId, extraParams),
    );
  }

  /** Starts a run's span (see `startRun`) with its input, converted lazily; `then` runs once it is recorded. */
  private begin(
    where: string,
    run: RunStart,
    fields: Omit<StartSpanOptions, 'parent' | 'integration'>,
    input?: () => ContentMessage[],
    then?: () => void,
  ): void {
    this.safely(where, () => {
      const span = startRun(this.context, run, fields);
      if (!span) return;
      if (input) span.setInput(input);
      then?.();
    });
  }

  /** Ends a run that finished normally, with its output (converted lazily) and any last fields. */
  private endRun(runId: string, output?: () => ContentMessage[], last?: (span: Span) => void): void {
    const state = this.takeOwned(runId);
    if (!state) return;
    last?.(state.span);
    if (output) state.span.setOutput(output);
    state.span.end();
  }

  /** Ends a run that failed (or was cancelled), with any last fields. */
  private failRun(where: string, runId: string, error: unknown, last?: (span: Span) => void): void {
    this.safely(where, () => {
      const state = this.takeOwned(runId);
      if (!state) return;
      last?.(state.span);
      endRunWithError(this.registry, runId, state, error);
    });
  }

  /** Removes an ended run; returns it only if its span is this run's own (not a hidden pass-through). */
  private takeOwned(runId: string): RunState | undefined {
    const state = this.registry.take(runId);
    return state?.owned ? state : undefined;
  }

  private safely(where: string, fn: () => void): void {
    guard(this.telemetry.diag, `langchain.${where}`, fn, undefined);
  }
}
