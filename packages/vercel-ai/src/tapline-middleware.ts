import { getTelemetry, guard, noopSpan, type Span, type Telemetry } from '@tapline/core';
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
  const telemetryOf = (): Telemetry => options.telemetry ?? getTelemetry();

  function start(
    telemetry: Telemetry,
    model: SdkLanguageModel,
    params: SdkCallOptions,
    stream: boolean,
  ): Span {
    if (!telemetry.enabled) return noopSpan;
    return guard(
      telemetry.diag,
      'vercel-ai middleware (start)',
      () => startModelSpan(telemetry, model, params, stream, metadata),
      noopSpan,
    );
  }

  /** Starts the span, runs the model call, records a thrown error (rethrown unchanged), then `record`s the result. */
  async function recorded<R>(
    model: SdkLanguageModel,
    params: SdkCallOptions,
    stream: boolean,
    call: () => PromiseLike<R>,
    record: (span: Span, result: R, telemetry: Telemetry) => R,
  ): Promise<R> {
    const telemetry = telemetryOf();
    const span = start(telemetry, model, params, stream);
    if (!span.isRecording) return call();
    let result: R;
    try {
      result = await call();
    } catch (error) {
      guard(
        telemetry.diag,
        'vercel-ai middleware (error)',
        () => endWithError(span, error, params.abortSignal),
        undefined,
      );
      throw error;
    }
    return record(span, result, telemetry);
  }

  const wrappers = {
    wrapGenerate<P extends SdkCallOptions, R extends SdkGenerateResult>({
      doGenerate,
      params,
      model,
    }: WrapOptions<P, R>): Promise<R> {
      return recorded(model, params, false, doGenerate, (span, result, telemetry) => {
        guard(
          telemetry.diag,
          'vercel-ai middleware (generate)',
          () => recordGenerate(span, result),
          undefined,
        );
        return result;
      });
    },
    wrapStream<P extends SdkCallOptions, R extends SdkStreamResult>({
      doStream,
      params,
      model,
    }: WrapStreamOptions<P, R>): Promise<R> {
      return recorded(model, params, true, doStream, (span, result, telemetry) =>
        guard(
          telemetry.diag,
          'vercel-ai middleware (stream)',
          () => {
            const stream = recordStream(span, result.stream, params.abortSignal, (error) =>
              telemetry.diag.error(
                'internal error in vercel-ai stream recording; the stream is unaffected',
                error,
              ),
            );
            return { ...result, stream };
          },
          result,
          () => span.end(),
        ),
      );
    },
  };
  const versionField = version === 'v2' ? { middlewareVersion: 'v2' } : { specificationVersion: version };
  return { ...versionField, ...wrappers } as unknown as TaplineMiddleware<V>;
}
