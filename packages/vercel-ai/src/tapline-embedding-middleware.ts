import { getTelemetry, guard, noopSpan, type Span, type Telemetry } from '@tapline/core';
import { endWithError } from './end-with-error';
import { callMetadata, readTaplineOptions } from './read-tapline-options';

export interface TaplineEmbeddingMiddlewareOptions<V extends 'v4' | 'v3' = 'v4'> {
  /** The telemetry instance; default: the process default, read per call. */
  telemetry?: Telemetry;
  /** Metadata added to every span. */
  metadata?: Record<string, unknown>;
  /** Only for TypeScript with `ai` 6 (`'v3'`); default `'v4'` (`ai` 7). */
  specificationVersion?: V;
}

interface EmbedParams {
  values: ReadonlyArray<unknown>;
  abortSignal?: AbortSignal;
  providerOptions?: Record<string, unknown>;
}

interface EmbedResult {
  usage?: { tokens?: number };
  warnings?: ReadonlyArray<unknown>;
}

export interface TaplineEmbeddingMiddleware<V extends 'v4' | 'v3' = 'v4'> {
  readonly specificationVersion: V;
  wrapEmbed: <P extends EmbedParams, R extends EmbedResult>(options: {
    doEmbed: () => PromiseLike<R>;
    params: P;
    model: { readonly provider: string; readonly modelId: string };
  }) => Promise<R>;
}

function startEmbeddingSpan(
  telemetry: Telemetry,
  model: { provider: string; modelId: string },
  params: EmbedParams,
  metadata: Record<string, unknown> | undefined,
): Span {
  const identity = readTaplineOptions(params.providerOptions);
  const span = telemetry.startSpan({
    name: `embeddings ${model.modelId}`,
    kind: 'embedding',
    integration: 'vercel-ai',
    provider: model.provider,
    operation: 'embeddings',
    requestModel: model.modelId,
    userId: identity?.userId,
    sessionId: identity?.sessionId,
    metadata: callMetadata(metadata, identity),
  });
  const values = params.values;
  span.setInput(() => values.map((value) => ({ role: 'user', content: String(value) })));
  return span;
}

/**
 * Tapline middleware for `wrapEmbeddingModel`: each `doEmbed` call (one per `embed`, one per chunk of
 * `embedMany`) becomes an `embedding` span with the provider's token count; without one, core counts the inputs.
 */
export function taplineEmbeddingMiddleware<V extends 'v4' | 'v3' = 'v4'>(
  options: TaplineEmbeddingMiddlewareOptions<V> = {},
): TaplineEmbeddingMiddleware<V> {
  return {
    specificationVersion: options.specificationVersion ?? ('v4' as V),
    async wrapEmbed<P extends EmbedParams, R extends EmbedResult>({
      doEmbed,
      params,
      model,
    }: {
      doEmbed: () => PromiseLike<R>;
      params: P;
      model: { readonly provider: string; readonly modelId: string };
    }): Promise<R> {
      const telemetry = options.telemetry ?? getTelemetry();
      if (!telemetry.enabled) return doEmbed();
      const span = guard(
        telemetry.diag,
        'vercel-ai embedding middleware (start)',
        () => startEmbeddingSpan(telemetry, model, params, options.metadata),
        noopSpan,
      );
      let result: R;
      try {
        result = await doEmbed();
      } catch (error) {
        endWithError(span, error, params.abortSignal);
        throw error;
      }
      guard(
        telemetry.diag,
        'vercel-ai embedding middleware (end)',
        () => {
          const tokens = result.usage?.tokens;
          if (typeof tokens === 'number') span.setUsage({ input: tokens, total: tokens });
          if (result.warnings && result.warnings.length > 0)
            span.setMetadata({ warnings: result.warnings.length });
          span.end();
        },
        undefined,
      );
      return result;
    },
  };
}
