import { describe, expect, it } from 'vitest';
import { exampleFromSchema } from './example-from-schema';

describe('exampleFromSchema', () => {
  it('fills every property of nested objects with typed examples', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        count: { type: 'integer' },
        ratio: { type: 'number' },
        ok: { type: 'boolean' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        tags: { type: 'array', items: { type: 'string' } },
        nested: { type: 'object', properties: { deep: { type: ['string', 'null'] } } },
        either: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
    };
    expect(exampleFromSchema(schema)).toEqual({
      name: 'example',
      count: 1,
      ratio: 1,
      ok: true,
      unit: 'celsius',
      tags: ['example'],
      nested: { deep: 'example' },
      either: 1,
    });
  });

  it('returns null for a missing schema', () => {
    expect(exampleFromSchema(undefined)).toBeNull();
  });
});
