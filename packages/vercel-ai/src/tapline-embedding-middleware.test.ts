import { createOpenAI } from '@ai-sdk/openai';
import { startMockServer } from '@tapline/testkit';
import { embed, embedMany, wrapEmbeddingModel } from 'ai';
import { MockEmbeddingModelV4 } from 'ai/test';
import { embed as embed6, wrapEmbeddingModel as wrapEmbedding6 } from 'ai-v6';
import { MockEmbeddingModelV3 } from 'ai-v6/test';
import { describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { taplineEmbeddingMiddleware } from './tapline-embedding-middleware';

describe('taplineEmbeddingMiddleware', () => {
  it('records embed and each chunk of embedMany with ai 7 mock models', async () => {
    const h = harness();
    const inner = new MockEmbeddingModelV4({
      provider: 'mock-embed',
      modelId: 'embed-small',
      maxEmbeddingsPerCall: 2,
      doEmbed: async ({ values }) => ({
        embeddings: values.map(() => [0.1, 0.2]),
        usage: { tokens: values.length * 3 },
        warnings: [],
      }),
    });
    const model = wrapEmbeddingModel({
      model: inner,
      middleware: taplineEmbeddingMiddleware({ telemetry: h.telemetry, metadata: { index: 'docs' } }),
    });
    await embed({ model, value: 'one', providerOptions: { tapline: { userId: 'u' } } });
    await embedMany({ model, values: ['a', 'b', 'c'], maxParallelCalls: 1 });
    const spans = await h.spans();
    expect(spans).toHaveLength(3);
    expect(spans[0]).toMatchObject({
      kind: 'embedding',
      name: 'embeddings embed-small',
      provider: 'mock-embed',
      operation: 'embeddings',
      usage: { input: 3, total: 3, source: 'provider' },
      metadata: { index: 'docs' },
      status: 'ok',
    });
    expect(spans[0]?.userIdHash).toBeDefined();
    expect(spans.slice(1).map((s) => s.usage?.input)).toEqual([6, 3]);
  });

  it('records failures and rethrows them', async () => {
    const h = harness();
    const failure = new Error('down');
    const inner = new MockEmbeddingModelV4({
      doEmbed: async () => {
        throw failure;
      },
    });
    const model = wrapEmbeddingModel({
      model: inner,
      middleware: taplineEmbeddingMiddleware({ telemetry: h.telemetry }),
    });
    await expect(embed({ model, value: 'x', maxRetries: 0 })).rejects.toBe(failure);
    expect((await h.spans())[0]?.status).toBe('error');
  });

  it('works with ai 6 (V3)', async () => {
    const h = harness();
    const inner = new MockEmbeddingModelV3({
      doEmbed: async ({ values }) => ({
        embeddings: values.map(() => [1]),
        usage: { tokens: 4 },
        warnings: [],
      }),
    });
    const model = wrapEmbedding6({
      model: inner,
      middleware: taplineEmbeddingMiddleware({ telemetry: h.telemetry, specificationVersion: 'v3' }),
    });
    await embed6({ model, value: 'x' });
    expect((await h.spans())[0]?.usage?.input).toBe(4);
  });

  it('records @ai-sdk/openai embeddings against the mock server', async () => {
    const server = await startMockServer();
    try {
      const h = harness();
      const provider = createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'sk-test' });
      const model = wrapEmbeddingModel({
        model: provider.embedding('text-embedding-3-small'),
        middleware: taplineEmbeddingMiddleware({ telemetry: h.telemetry }),
      });
      const { embedding } = await embed({ model, value: 'hello world' });
      expect(embedding.length).toBeGreaterThan(0);
      const [span] = await h.spans();
      expect(span).toMatchObject({
        provider: 'openai.embedding',
        requestModel: 'text-embedding-3-small',
        status: 'ok',
      });
      expect(span?.usage?.input).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
