import { describe, expect, it } from 'vitest';
import { countTokens } from './count-tokens';
import { createStreamTokenCounter } from './stream-token-counter';

const TEXT = [
  "Sure! Here's a summary of the report.\n\n",
  '1. Revenue grew 12.5% year-over-year, to $4,321,000.\n',
  "2. The team's new   pipeline    shipped    on time.\n\n\n",
  'Code:\n```ts\nconst x = await fetch("https://example.com/api?q=1");\n```\n',
  'Unicode: naïve café, 日本語のテキスト, emoji 🎉👍🏽, and more words that keep going and going. ',
]
  .join('')
  .repeat(8);

function splitRandomly(text: string, seed: number): string[] {
  const chunks: string[] = [];
  let state = seed;
  let index = 0;
  while (index < text.length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 12);
    chunks.push(text.slice(index, index + size));
    index += size;
  }
  return chunks;
}

describe('createStreamTokenCounter', () => {
  it.each(['gpt-4o', 'gpt-4', 'claude-sonnet-4'])(
    '%s: counting deltas equals counting the whole text',
    async (model) => {
      const whole = await countTokens(TEXT, model);
      for (const seed of [1, 7, 42, 1234]) {
        const counter = await createStreamTokenCounter(model);
        for (const chunk of splitRandomly(TEXT, seed)) counter.push(chunk);
        expect(counter.count()).toEqual(whole);
      }
    },
  );

  it('single characters at a time, including split surrogate pairs', async () => {
    const counter = await createStreamTokenCounter('gpt-4o');
    for (const char of TEXT.split('')) counter.push(char);
    expect(counter.count()).toEqual(await countTokens(TEXT, 'gpt-4o'));
  });

  it('counts an empty stream as zero', async () => {
    expect((await createStreamTokenCounter('gpt-4o')).count().tokens).toBe(0);
  });
});
