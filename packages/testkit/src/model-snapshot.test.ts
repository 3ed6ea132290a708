import { describe, expect, it } from 'vitest';
import { resolveModelSnapshot } from './model-snapshot';

describe('resolveModelSnapshot', () => {
  it('resolves aliases to the dated snapshot real APIs report', () => {
    expect(resolveModelSnapshot('gpt-4o-mini')).toBe('gpt-4o-mini-2024-07-18');
    expect(resolveModelSnapshot('claude-3-5-sonnet-latest')).toBe('claude-3-5-sonnet-20241022');
  });

  it('echoes dated and unknown names', () => {
    expect(resolveModelSnapshot('gpt-4o-2024-11-20')).toBe('gpt-4o-2024-11-20');
    expect(resolveModelSnapshot('my-fine-tune')).toBe('my-fine-tune');
  });
});
