import { createHash } from 'node:crypto';
import { estimateTokens } from './estimate-tokens';
import { asArray, asNumber, asString, type JsonObject } from './json-value';
import type { ProviderReply } from './provider-reply';
import type { ScriptedReply } from './scripted-reply';

/** Default vector length when the request sets no `dimensions` (small to keep tests cheap). */
export const defaultEmbeddingDimensions = 8;

/** A deterministic unit vector derived from the SHA-256 of the input. */
export function deterministicEmbedding(input: string, dimensions: number): number[] {
  const vector: number[] = [];
  let block = createHash('sha256').update(input).digest();
  for (let i = 0; i < dimensions; i++) {
    if (i > 0 && i % 16 === 0) block = createHash('sha256').update(block).digest();
    vector.push(block.readUInt16LE((i % 16) * 2) / 65535 - 0.5);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => Math.fround(value / norm));
}

/** Encodes a vector as little-endian float32 base64, the wire format of `encoding_format: 'base64'`. */
export function embeddingToBase64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    buffer.writeFloatLE(value, index * 4);
  });
  return buffer.toString('base64');
}

function inputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  const list = asArray(input);
  if (list.every((item) => typeof item === 'number')) return [list.join(' ')];
  return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/**
 * Renders `POST /v1/embeddings`. Float arrays by default, base64 when the request asks for
 * `encoding_format: 'base64'` — which the openai SDK does unless the caller sets a format.
 */
export function renderOpenaiEmbeddings(body: JsonObject, scripted: ScriptedReply | undefined): ProviderReply {
  const texts = inputs(body.input);
  const dimensions = asNumber(body.dimensions) ?? defaultEmbeddingDimensions;
  const base64 = body.encoding_format === 'base64';
  const promptTokens =
    scripted?.usage?.inputTokens ?? texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return {
    type: 'json',
    status: 200,
    body: {
      object: 'list',
      data: texts.map((text, index) => {
        const vector = scripted?.embeddings?.[index] ?? deterministicEmbedding(text, dimensions);
        return { object: 'embedding', index, embedding: base64 ? embeddingToBase64(vector) : vector };
      }),
      model: scripted?.model ?? asString(body.model) ?? 'text-embedding-3-small',
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  };
}
