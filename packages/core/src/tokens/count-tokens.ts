import type { TokenEncodingName } from './encoding-for-model';
import { type TokenCountMethod, textCounter, textCounterSync } from './text-counter';

export interface TokenCount {
  tokens: number;
  /** `tokenizer` when counted with the model's BPE encoding, `estimate` otherwise (see `estimateTokens`). */
  method: TokenCountMethod;
  /** The encoding used, when `method` is `tokenizer`. */
  encoding?: TokenEncodingName;
}

/**
 * Counts the tokens of `text` as `model` would. OpenAI models use their js-tiktoken encoding, loaded on the
 * first call for that encoding and cached (hence the Promise); other models get the documented estimate.
 */
export function countTokens(text: string, model: string): Promise<TokenCount> {
  return textCounter(model).then((counter) =>
    counter.encoding
      ? { tokens: counter.count(text), method: counter.method, encoding: counter.encoding }
      : { tokens: counter.count(text), method: counter.method },
  );
}

/**
 * Synchronous `countTokens`: uses the tokenizer when the model's encoding is already loaded (by an earlier
 * `countTokens`, `preloadTokenizer` or the pipeline), otherwise returns the estimate — the result says which.
 */
export function countTokensSync(text: string, model: string): TokenCount {
  const counter = textCounterSync(model);
  return counter.encoding
    ? { tokens: counter.count(text), method: counter.method, encoding: counter.encoding }
    : { tokens: counter.count(text), method: counter.method };
}

/**
 * Loads the tokenizer for `model` ahead of time so that later sync counts use it. Resolves to the method that
 * counts for this model from now on (`estimate` for models without a shipped encoding).
 */
export function preloadTokenizer(model: string): Promise<TokenCountMethod> {
  return textCounter(model).then((counter) => counter.method);
}
