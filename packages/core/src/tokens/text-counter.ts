import type { ModelAliases } from '../cost/normalize-model-name';
import { encodingForModel, type TokenEncodingName } from './encoding-for-model';
import { estimateTokens } from './estimate-tokens';
import { encodeCount, loadEncoding, loadedEncoding } from './load-encoding';

/** How a count was made: with the model's own tokenizer, or with the documented character estimate. */
export type TokenCountMethod = 'tokenizer' | 'estimate';

/** Counts text for one model; chosen once per model, then used for every piece of text. */
export interface TextCounter {
  readonly method: TokenCountMethod;
  readonly encoding?: TokenEncodingName;
  count(text: string): number;
}

const estimator: TextCounter = { method: 'estimate', count: estimateTokens };

const MAX_CACHED_MODELS = 1000;
const encodingByModel = new Map<string, TokenEncodingName | null>();

function cachedEncoding(model: string, aliases?: ModelAliases): TokenEncodingName | undefined {
  if (aliases && aliases.size > 0) return encodingForModel(model, aliases);
  let encoding = encodingByModel.get(model);
  if (encoding === undefined) {
    encoding = encodingForModel(model) ?? null;
    if (encodingByModel.size < MAX_CACHED_MODELS) encodingByModel.set(model, encoding);
  }
  return encoding ?? undefined;
}

const counters = new Map<TokenEncodingName, TextCounter>();

function counterFor(name: TokenEncodingName): TextCounter | undefined {
  let counter = counters.get(name);
  if (!counter) {
    const encoding = loadedEncoding(name);
    if (!encoding) return undefined;
    counter = { method: 'tokenizer', encoding: name, count: (text) => encodeCount(encoding, text) };
    counters.set(name, counter);
  }
  return counter;
}

/**
 * The counter for `model` now: its tokenizer when the encoding is already loaded, otherwise the estimate.
 * Never loads anything.
 */
export function textCounterSync(model: string, aliases?: ModelAliases): TextCounter {
  const name = cachedEncoding(model, aliases);
  return (name && counterFor(name)) || estimator;
}

/**
 * The counter for `model`, loading its encoding first when it has one (OpenAI families). Resolves to the
 * estimate for other models, and also when the encoding cannot be loaded (the error is passed to `onLoadError`).
 */
export function textCounter(
  model: string,
  aliases?: ModelAliases,
  onLoadError?: (error: unknown) => void,
): Promise<TextCounter> {
  const name = cachedEncoding(model, aliases);
  if (!name) return Promise.resolve(estimator);
  const ready = counterFor(name);
  if (ready) return Promise.resolve(ready);
  return loadEncoding(name).then(
    () => counterFor(name) ?? estimator,
    (error: unknown) => {
      onLoadError?.(error);
      return estimator;
    },
  );
}
