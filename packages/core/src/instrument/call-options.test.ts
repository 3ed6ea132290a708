import { describe, expect, it } from 'vitest';
import { splitCallOptions, withTelemetry } from './call-options';

describe('splitCallOptions', () => {
  it('leaves options without the key as they are', () => {
    const options = { timeout: 5 };
    expect(splitCallOptions(options).sdkOptions).toBe(options);
    expect(splitCallOptions(undefined)).toEqual({ sdkOptions: undefined, call: undefined });
  });

  it('strips the key without changing the caller object', () => {
    const options = withTelemetry({ userId: 'u' }, { timeout: 5 });
    const { sdkOptions, call } = splitCallOptions(options);
    expect(sdkOptions).toEqual({ timeout: 5 });
    expect(call).toEqual({ userId: 'u' });
    expect(options).toEqual({ timeout: 5, tapline: { userId: 'u' } });
  });
});
