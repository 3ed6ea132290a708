import { getTelemetry, noopSpan, reportInternalError, type Span, type Telemetry } from '@tapline/core';
import { endWithError } from './end-with-error';
import { recordGenerate } from './record-generate';
import { recordStream } from './record-stream';
import type { SdkCallOptions, SdkGenerateResult, SdkLanguageModel, SdkStreamResult } from './sdk-types';
import { startModelSpan } from './start-model-span';

/** The middleware specification each `ai` major expects: `v4` for `ai` 7, `v3` for `ai` 6, `v2` for `ai` 5. */
export type MiddlewareVersion = 'v4' | 'v3' | 'v2';

export interface TaplineMiddlewareOptions<V extends MiddlewareVersion = 'v4'> {
  /** The telemetry instance; default: the process default (`configure()` / `getTelemetry()`), read per call. */
  telemetry?: Telemetry;
  /** Metadata added to every span this middleware records. */
  metadata?: Record<string, unknown>;
  /**
   * Only for TypeScript with `ai` 6 (`'v3'`) or `ai` 5 (`'v2'`): the object works with every major at runtime,
   * this only sets the version its type declares. Default `'v4'` (`ai` 7).
   */
  specificationVersion?: V;
}

interface WrapOptions<P, R> {
  doGenerate: () => PromiseLike<R>;
  params: P;
  model: SdkLanguageModel;
}

interface WrapStreamOptions<P, R> {
  doStream: () => PromiseLike<R>;
  params: P;
  model: SdkLanguageModel;
}

/** A language-model middleware for `wrapLanguageModel`, typed for the chosen `ai` major. */
export type TaplineMiddleware<V extends MiddlewareVersion = 'v4'> = (V extends 'v2'
  ? { readonly middlewareVersion: 'v2' }
  : { readonly specificationVersion: V }) & {
  wrapGenerate: <P extends SdkCallOptions, R extends SdkGenerateResult>(
    options: WrapOptions<P, R>,
  ) => Promise<R>;
  wrapStream: <P extends SdkCallOptions, R extends SdkStreamResult>(
    options: WrapStreamOptions<P, R>,
  ) => Promise<R>;
};

/**
 * Tapline middleware for the AI SDK: every model call through the wrapped model — each `generateText` /
 * `streamText` / `generateObject` / `streamObject` call and each step of a tool loop — becomes an `llm` span.
 *
 * ```ts
 * const model = wrapLanguageModel({ model: openai('gpt-4o'), middleware: taplineMiddleware() });
 * ```
 */
export function taplineMiddleware<V extends MiddlewareVersion = 'v4'>(
  options: TaplineMiddlewareOptions<V> = {},
): TaplineMiddleware<V> {
  const version = options.specificationVersion ?? 'v4';
  const metadata = options.metadata;

  // The call path allocates no closures: each boundary is a try/catch that reports as core's `guard` does.
  function start(
    telemetry: Telemetry,
    model: SdkLanguageModel,
    params: SdkCallOptions,
    stream: boolean,
  ): Span {
    if (!telemetry.enabled) return noopSpan;
    try {
      return startModelSpan(telemetry, model, params, stream, metadata);
    } catch (error) {
      reportInternalError(telemetry.diag, 'vercel-ai middleware (start)', error);
      return noopSpan;
    }
  }

  /** Records a thrown model-call error on the span (the caller rethrows it unchanged). */
  function failed(telemetry: Telemetry, span: Span, error: unknown, params: SdkCallOptions): void {
    try {
      endWithError(span, error, params.abortSignal);
    } catch (internal) {
      reportInternalError(telemetry.diag, 'vercel-ai middleware (error)', internal);
    }
  }

  const wrappers = {
    async wrapGenerate<P extends SdkCallOptions, R extends SdkGenerateResult>({
      doGenerate,
      params,
      model,
    }: WrapOptions<P, R>): Promise<R> {
      const telemetry = options.telemetry ?? getTelemetry();
      const span = start(telemetry, model, params, false);
      if (!span.isRecording) return doGenerate();
      let result: R;
      try {
        result = await doGenerate();
      } catch (error) {
        failed(telemetry, span, error, params);
        throw error;
      }
      try {
        recordGenerate(span, result);
      } catch (error) {
        reportInternalError(telemetry.diag, 'vercel-ai middleware (generate)', error);
      }
      return result;
    },
    async wrapStream<P extends SdkCallOptions, R extends SdkStreamResult>({
      doStream,
      params,
      model,
    }: WrapStreamOptions<P, R>): Promise<R> {
      const telemetry = options.telemetry ?? getTelemetry();
      const span = start(telemetry, model, params, true);
      if (!span.isRecording) return doStream();
      let result: R;
      try {
        result = await doStream();
      } catch (error) {
        failed(telemetry, span, error, params);
        throw error;
      }
      try {
        return { ...result, stream: recordStream(span, result.stream, params.abortSignal, telemetry.diag) };
      } catch (error) {
        span.end();
        reportInternalError(telemetry.diag, 'vercel-ai middleware (stream)', error);
        return result;
      }
    },
  };
  const versionField = version === 'v2' ? { middlewareVersion: 'v2' } : { specificationVersion: version };
  return { ...versionField, ...wrappers } as unknown as TaplineMiddleware<V>;
}
