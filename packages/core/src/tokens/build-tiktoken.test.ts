import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { describe, expect, it } from 'vitest';
import { buildTiktoken, TOKENS_PER_SLICE } from './build-tiktoken';

const SAMPLES = [
  'Hello, world!',
  'Ünïcödé, 日本語のテキスト, emoji 🎉🎉 and numbers 1234567890 3.14159',
  'function add(a, b) {\n  return a + b;\n}\n\n   indented   spaces\t\ttabs',
  '<|endoftext|> is ordinary text here',
];

interface Maps {
  rankMap: Map<string, number>;
  textMap: Map<number, Uint8Array>;
}

describe('buildTiktoken', () => {
  it('builds the same rank maps and encodings as the js-tiktoken constructor', async () => {
    const reference = new Tiktoken(cl100k);
    const built = await buildTiktoken(Tiktoken, cl100k);
    const [a, b] = [reference as unknown as Maps, built as unknown as Maps];
    expect(b.rankMap.size).toBe(a.rankMap.size);
    expect(b.textMap.size).toBe(a.textMap.size);
    for (const [key, rank] of a.rankMap) if (b.rankMap.get(key) !== rank) throw new Error(`rank of ${key}`);
    for (const text of SAMPLES) {
      expect(built.encode(text, [], [])).toEqual(reference.encode(text, [], []));
      expect(built.decode(built.encode(text, [], []))).toBe(text);
    }
  });

  it('yields to the event loop between slices instead of blocking until done', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await buildTiktoken(Tiktoken, cl100k);
    running = false;
    // cl100k has ~100k tokens: one yield per slice, and the other work ran in between
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(100_000 / TOKENS_PER_SLICE) - 1);
  });

  it('reads every space-separated piece as a token, as the constructor does (empty lines, trailing spaces)', async () => {
    const tiny: TiktokenBPE = {
      pat_str: cl100k.pat_str,
      special_tokens: {},
      bpe_ranks: `! 0 ${btoa('a')} ${btoa('b')}\n\n! 2 ${btoa('ab')} \n! 4`,
    };
    const reference = new Tiktoken(tiny) as unknown as Maps;
    const built = (await buildTiktoken(Tiktoken, tiny)) as unknown as Maps;
    expect([...built.rankMap].sort()).toEqual([...reference.rankMap].sort());
  });

  it('falls back to the constructor when the instance keeps no rank maps of its own', async () => {
    const made: TiktokenBPE[] = [];
    class Opaque {
      constructor(ranks: TiktokenBPE) {
        made.push(ranks);
      }
    }
    await buildTiktoken(Opaque as never, cl100k);
    expect(made.map((ranks) => ranks.bpe_ranks.length)).toEqual([0, cl100k.bpe_ranks.length]);
  });
});
