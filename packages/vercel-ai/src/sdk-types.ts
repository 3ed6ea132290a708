/**
 * Structural views of the AI SDK's provider types, covering LanguageModelV2 (`ai` 5), V3 (`ai` 6) and V4 (`ai` 7).
 * Only the fields Tapline reads are declared, so the package needs no type dependency on `@ai-sdk/provider` and
 * one middleware object fits every major.
 */

/** V3/V4 usage: totals with their parts (cache read/write inside the input total, reasoning inside output). */
export interface NestedUsage {
  inputTokens: {
    total?: number | undefined;
    noCache?: number | undefined;
    cacheRead?: number | undefined;
    cacheWrite?: number | undefined;
  };
  outputTokens: { total?: number | undefined; text?: number | undefined; reasoning?: number | undefined };
}

/** V2 usage, and the user-facing `LanguageModelUsage` of `ai` 6/7 (flat totals with `…TokenDetails`). */
export interface FlatUsage {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  totalTokens?: number | undefined;
  reasoningTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
  inputTokenDetails?: {
    noCacheTokens?: number | undefined;
    cacheReadTokens?: number | undefined;
    cacheWriteTokens?: number | undefined;
  };
  outputTokenDetails?: { textTokens?: number | undefined; reasoningTokens?: number | undefined };
}

export type SdkUsage = NestedUsage | FlatUsage;

/** V3/V4 `{ unified, raw }`; V2 a plain string. */
export type SdkFinishReason = string | { unified: string; raw?: string | undefined };

/** A prompt, content or stream part; read through `partField` after narrowing on `type`. */
export interface SdkPart {
  readonly type: string;
}

export interface SdkCallOptions {
  prompt: ReadonlyArray<{ role: string; content: unknown }>;
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: { type: string };
  seed?: number;
  tools?: ReadonlyArray<unknown>;
  toolChoice?: { type: string };
  abortSignal?: AbortSignal;
  reasoning?: string;
  providerOptions?: Record<string, unknown>;
}

export interface SdkResponseMetadata {
  id?: string;
  modelId?: string;
}

export interface SdkGenerateResult {
  content: ReadonlyArray<SdkPart>;
  finishReason: SdkFinishReason;
  usage?: SdkUsage;
  response?: SdkResponseMetadata;
  warnings?: ReadonlyArray<unknown>;
}

export interface SdkStreamResult {
  stream: ReadableStream<SdkPart>;
}

export interface SdkLanguageModel {
  readonly provider: string;
  readonly modelId: string;
}
