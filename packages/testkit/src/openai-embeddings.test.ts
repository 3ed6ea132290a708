import { describe, expect, it } from 'vitest';
import { deterministicEmbedding, embeddingToBase64, renderOpenaiEmbeddings } from './openai-embeddings';

describe('openai embeddings', () => {
  it('produces deterministic unit vectors of the requested size', () => {
    const vector = deterministicEmbedding('hello', 40);
    expect(vector).toHaveLength(40);
    expect(deterministicEmbedding('hello', 40)).toEqual(vector);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('encodes base64 as little-endian float32', () => {
    const bytes = Buffer.from(embeddingToBase64([0.5, -1.25]), 'base64');
    expect(bytes).toHaveLength(8);
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([0.5, -1.25]);
  });

  it('renders one entry per input with usage', () => {
    const reply = renderOpenaiEmbeddings({ model: 'text-embedding-3-large', input: ['a', 'bb'] }, undefined);
    expect(reply.type === 'json' && reply.body).toMatchObject({
      object: 'list',
      model: 'text-embedding-3-large',
      data: [{ index: 0 }, { index: 1 }],
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
  });
});
