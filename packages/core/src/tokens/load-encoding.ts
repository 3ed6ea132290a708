import type { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite';
import { buildTiktoken } from './build-tiktoken';
import type { TokenEncodingName } from './encoding-for-model';

/** A loaded BPE encoding: the tokenizer and its pre-tokenization pattern (for incremental stream counting). */
export interface LoadedEncoding {
  readonly name: TokenEncodingName;
  readonly tiktoken: Tiktoken;
  /** The encoding's split pattern (`pat_str`), compiled with flags `gu`. */
  readonly pattern: RegExp;
}

// One literal dynamic import per encoding so that bundlers keep each rank file as its own lazily loaded module.
const RANKS: Record<TokenEncodingName, () => Promise<{ default: TiktokenBPE }>> = {
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
  p50k_base: () => import('js-tiktoken/ranks/p50k_base'),
  p50k_edit: () => import('js-tiktoken/ranks/p50k_edit'),
  r50k_base: () => import('js-tiktoken/ranks/r50k_base'),
  gpt2: () => import('js-tiktoken/ranks/gpt2'),
};

const loaded = new Map<TokenEncodingName, LoadedEncoding>();
const loading = new Map<TokenEncodingName, Promise<LoadedEncoding>>();

/**
 * Loads an encoding's rank data on first use (a dynamic import; nothing is loaded when core is imported; the rank
 * maps are built in slices between which the event loop runs) and caches it for the life of the process.
 * Concurrent callers share one load; a failed load may be retried.
 */
export function loadEncoding(name: TokenEncodingName): Promise<LoadedEncoding> {
  const ready = loaded.get(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name);
  if (!pending) {
    pending = (async () => {
      const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), RANKS[name]()]);
      const bpe = unwrap(ranks);
      const encoding: LoadedEncoding = {
        name,
        // built in slices, so that the first count does not stall the application's event loop
        tiktoken: await buildTiktoken(Tiktoken, bpe),
        pattern: new RegExp(bpe.pat_str, 'gu'),
      };
      loaded.set(name, encoding);
      return encoding;
    })();
    loading.set(name, pending);
    pending.then(
      () => loading.delete(name),
      () => loading.delete(name),
    );
  }
  return pending;
}

/** The encoding if it is already loaded, without loading it. */
export function loadedEncoding(name: TokenEncodingName): LoadedEncoding | undefined {
  return loaded.get(name);
}

// CJS interop may wrap the module's default export once more.
function unwrap(module: { default: TiktokenBPE }): TiktokenBPE {
  const value = module.default as TiktokenBPE & { default?: TiktokenBPE };
  return typeof value.bpe_ranks === 'string' ? value : (value.default as TiktokenBPE);
}

/** Token count of `text` with a loaded encoding; special-token text (`<|endoftext|>`) counts as ordinary text. */
export function encodeCount(encoding: LoadedEncoding, text: string): number {
  if (text.length === 0) return 0;
  return encoding.tiktoken.encode(text, [], []).length;
}
