import { getTelemetry, guard, type Identity, monotonicNow, type Span, type Telemetry } from '@tapline/core';
import { endWithError } from './end-with-error';
import { mapFinishReason } from './map-finish-reason';
import { mapPrompt } from './map-prompt';
import { mapRequest } from './map-request';
import { mapUsage } from './map-usage';
import { type ModelCallSlot, modelCallSlots } from './model-call-slots';
import { callMetadata, readTaplineOptions } from './read-tapline-options';
import type { SdkCallOptions, SdkPart, SdkUsage } from './sdk-types';

export interface TaplineTelemetryOptions {
  /** The telemetry instance; default: the process default, read per operation. */
  telemetry?: Telemetry;
  /** Metadata added to every span this integration records. */
  metadata?: Record<string, unknown>;
}

interface Operation {
  span: Span;
  stream: boolean;
  /** `monotonicNow()` when the current model call started (the SDK reports its TTFT relative to it). */
  modelStartedAt?: number;
  identity: Identity | undefined;
  model?: ModelCallSlot;
  tools: Map<string, Span>;
}

// biome-ignore lint/suspicious/noExplicitAny: the SDK's events are read structurally, across versions
type Event = any;

/** The `ai` 7 telemetry integration shape this function returns (a subset of `Telemetry` from `ai`). */
export interface TaplineTelemetryIntegration {
  onStart(event: Event): void;
  onLanguageModelCallStart(event: Event): void;
  executeLanguageModelCall<T>(options: { callId: string; execute: () => PromiseLike<T> }): PromiseLike<T>;
  onLanguageModelCallEnd(event: Event): void;
  onStepError(event: Event): void;
  onToolExecutionStart(event: Event): void;
  executeTool<T>(options: {
    callId: string;
    toolCallId: string;
    execute: () => PromiseLike<T>;
  }): PromiseLike<T>;
  onToolExecutionEnd(event: Event): void;
  onEnd(event: Event): void;
  onAbort(event: Event): void;
  onError(event: Event): void;
}

/** Operations recorded here; embeddings go through `taplineEmbeddingMiddleware()` (so they are counted once). */
/** Open operations kept at most; beyond it the oldest (a stream nobody read to the end) is ended as aborted. */
const MAX_OPEN_OPERATIONS = 4096;

const RECORDED_OPERATIONS = new Set([
  'ai.generateText',
  'ai.streamText',
  'ai.generateObject',
  'ai.streamObject',
]);

function instructionsAsMessages(instructions: unknown): Array<{ role: string; content: unknown }> {
  if (typeof instructions === 'string') return [{ role: 'system', content: instructions }];
  if (Array.isArray(instructions)) return instructions as Array<{ role: string; content: unknown }>;
  if (instructions && typeof instructions === 'object')
    return [instructions as { role: string; content: unknown }];
  return [];
}

/**
 * Tapline as an `ai` 7 telemetry integration: each `generateText` / `streamText` / `generateObject` /
 * `streamObject` operation becomes a parent span, each model call and each tool execution a child of it, and
 * everything a tool starts (a nested `generateText`, a wrapped client call) nests under the tool's span.
 *
 * ```ts
 * registerTelemetry(taplineTelemetry());            // every call
 * generateText({ …, telemetry: { integrations: [taplineTelemetry()] } }); // one call
 * ```
 *
 * Used together with `taplineMiddleware()`, a model call is recorded once: the middleware records into the
 * model-call span this integration opened. The operation span never repeats its children's usage.
 */
export function taplineTelemetry(options: TaplineTelemetryOptions = {}): TaplineTelemetryIntegration {
  const operations = new Map<string, Operation>();
  const slots = modelCallSlots();
  const telemetryOf = (): Telemetry => options.telemetry ?? getTelemetry();
  const metadata = options.metadata;

  const safely = (where: string, fn: () => void) => {
    const telemetry = telemetryOf();
    guard(telemetry.diag, `vercel-ai telemetry integration (${where})`, fn, undefined);
  };

  const closeModel = (operation: Operation, end: (span: Span) => void) => {
    const slot = operation.model;
    if (!slot) return;
    operation.model = undefined;
    slots.delete(slot.span.spanId);
    if (!slot.claimed) end(slot.span);
  };

  const closeAll = (callId: string, end: (span: Span) => void) => {
    const operation = operations.get(callId);
    if (!operation) return;
    operations.delete(callId);
    closeModel(operation, end);
    for (const tool of operation.tools.values()) end(tool);
    end(operation.span);
  };

  return {
    onStart(event) {
      safely('start', () => {
        const telemetry = telemetryOf();
        if (!telemetry.enabled || typeof event?.callId !== 'string') return;
        const identity = readTaplineOptions(event.providerOptions);
        const operationId = typeof event.operationId === 'string' ? event.operationId : 'ai.operation';
        if (!RECORDED_OPERATIONS.has(operationId)) return;
        const span = telemetry.startSpan({
          name: typeof event.functionId === 'string' ? event.functionId : operationId,
          kind: 'chain',
          integration: 'vercel-ai',
          operation: operationId,
          provider: event.provider,
          requestModel: event.modelId,
          userId: identity?.userId,
          sessionId: identity?.sessionId,
          metadata: callMetadata(metadata, identity),
        });
        if (!span.isRecording) return;
        const prompt = [
          ...instructionsAsMessages(event.instructions ?? event.system),
          ...(event.messages ?? []),
        ];
        span.setInput(() => mapPrompt(prompt));
        if (operations.size >= MAX_OPEN_OPERATIONS) {
          const oldest = operations.keys().next().value;
          if (oldest !== undefined)
            closeAll(oldest, (open) => open.abort('tapline: too many open operations'));
          telemetry.diag.warnOnce(
            'vercel-ai-open-operations',
            'vercel-ai integration: too many open operations',
          );
        }
        operations.set(event.callId, {
          span,
          identity,
          stream: operationId.includes('stream'),
          tools: new Map(),
        });
      });
    },

    onLanguageModelCallStart(event) {
      safely('model call start', () => {
        const operation = operations.get(event?.callId);
        if (!operation) return;
        closeModel(operation, (span) => span.abort());
        const telemetry = telemetryOf();
        const span = telemetry.startSpan({
          name: `chat ${event.modelId}`,
          kind: 'llm',
          integration: 'vercel-ai',
          parent: operation.span,
          provider: event.provider,
          operation: 'chat',
          requestModel: event.modelId,
          request: mapRequest(event as SdkCallOptions, operation.stream),
          ...operation.identity,
          metadata: callMetadata(metadata, operation.identity),
        });
        const prompt = [...instructionsAsMessages(event.instructions), ...(event.messages ?? [])];
        span.setInput(() => mapPrompt(prompt));
        const slot: ModelCallSlot = { span, parent: operation.span, claimed: false };
        operation.model = slot;
        operation.modelStartedAt = monotonicNow();
        slots.set(span.spanId, slot);
      });
    },

    executeLanguageModelCall({ callId, execute }) {
      const span = operations.get(callId)?.model?.span;
      return span ? telemetryOf().withSpan(span, execute) : execute();
    },

    onLanguageModelCallEnd(event) {
      safely('model call end', () => {
        const operation = operations.get(event?.callId);
        if (!operation) return;
        closeModel(operation, (span) => {
          const content: SdkPart[] = Array.isArray(event.content) ? event.content : [];
          const toolNames = content
            .filter((part) => part.type === 'tool-call')
            .map((part) => String((part as { toolName?: unknown }).toolName));
          const finishReason = mapFinishReason(event.finishReason);
          span.set({
            responseId: typeof event.responseId === 'string' ? event.responseId : undefined,
            finishReasons: finishReason ? [finishReason] : undefined,
            toolCalls: toolNames.length > 0 ? { count: toolNames.length, names: toolNames } : undefined,
          });
          const usage = mapUsage(event.usage as SdkUsage);
          if (usage) span.setUsage(usage);
          // Without the middleware nobody saw the first chunk: take the SDK's own measurement.
          const ttft = event.performance?.timeToFirstOutputMs;
          if (operation.stream && typeof ttft === 'number' && operation.modelStartedAt !== undefined) {
            span.markFirstToken(operation.modelStartedAt + ttft);
          }
          span.setOutput(() => mapPrompt([{ role: 'assistant', content }]));
          span.end();
        });
      });
    },

    onStepError(event) {
      safely('step error', () => {
        const operation = operations.get(event?.callId);
        if (operation) closeModel(operation, (span) => endWithError(span, event.error, undefined));
      });
    },

    onToolExecutionStart(event) {
      safely('tool start', () => {
        const operation = operations.get(event?.callId);
        const call = event?.toolCall;
        if (!operation || !call) return;
        const span = telemetryOf().startSpan({
          name: String(call.toolName),
          kind: 'tool',
          integration: 'vercel-ai',
          parent: operation.span,
          operation: 'execute_tool',
          ...operation.identity,
        });
        const input = call.input;
        span.setInput(() => [
          { role: 'tool', name: String(call.toolName), content: JSON.stringify(input) ?? '' },
        ]);
        operation.tools.set(call.toolCallId, span);
      });
    },

    executeTool({ callId, toolCallId, execute }) {
      const span = operations.get(callId)?.tools.get(toolCallId);
      return span ? telemetryOf().withSpan(span, execute) : execute();
    },

    onToolExecutionEnd(event) {
      safely('tool end', () => {
        const operation = operations.get(event?.callId);
        const id = event?.toolCall?.toolCallId;
        const span = operation?.tools.get(id);
        if (!operation || !span) return;
        operation.tools.delete(id);
        const output = event.toolOutput;
        if (output?.type === 'tool-error') return span.fail(output.error);
        span.setOutput(() => mapPrompt([{ role: 'tool', content: [output ?? {}] }]));
        span.end();
      });
    },

    onEnd(event) {
      safely('end', () => {
        const operation = operations.get(event?.callId);
        if (!operation) return;
        const finishReason = mapFinishReason(event.finishReason);
        const response = event.response ?? event.finalStep?.response;
        operation.span.set({
          finishReasons: finishReason ? [finishReason] : undefined,
          responseId: typeof response?.id === 'string' ? response.id : undefined,
          responseModel: typeof response?.modelId === 'string' ? response.modelId : undefined,
        });
        if (Array.isArray(event.content)) {
          const content = event.content;
          operation.span.setOutput(() => mapPrompt([{ role: 'assistant', content }]));
        }
        closeAll(event.callId, (span) => span.end());
      });
    },

    onAbort(event) {
      safely('abort', () => closeAll(event?.callId, (span) => span.abort(event?.reason)));
    },

    onError(event) {
      safely('error', () => closeAll(event?.callId, (span) => endWithError(span, event?.error, undefined)));
    },
  };
}
