import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args';

describe('parseCliArgs', () => {
  it('defaults to a random port and no delays', () => {
    expect(parseCliArgs([])).toEqual({ port: 0, chunkDelayMs: 0, latencyMs: 0 });
  });

  it('reads flags in both spaced and = forms', () => {
    expect(parseCliArgs(['--port', '4010', '--chunk-delay-ms=5', '--latency-ms', '20'])).toEqual({
      port: 4010,
      chunkDelayMs: 5,
      latencyMs: 20,
    });
  });

  it('rejects unknown flags and bad values', () => {
    expect(() => parseCliArgs(['--verbose'])).toThrow(/Unknown option --verbose/);
    expect(() => parseCliArgs(['--port'])).toThrow(/Invalid value/);
    expect(() => parseCliArgs(['--port', '-1'])).toThrow(/Invalid value/);
  });
});
