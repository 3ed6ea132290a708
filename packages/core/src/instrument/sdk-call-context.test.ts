import { describe, expect, it } from 'vitest';
import { createTelemetry } from '../telemetry/create-telemetry';
import { getTelemetry } from '../telemetry/default-telemetry';
import { sdkCallContext } from './sdk-call-context';

describe('sdkCallContext', () => {
  it('uses the process default per call unless a telemetry instance is given', () => {
    expect(sdkCallContext('openai', 'openai', {}).telemetry).toBe(getTelemetry);
    const telemetry = createTelemetry({ enabled: false }, {});
    expect(sdkCallContext('openai', 'openai', { telemetry }).telemetry()).toBe(telemetry);
  });

  it('lets an explicit provider win and carries identity only when some is given', () => {
    expect(sdkCallContext('openai', 'groq', {})).toMatchObject({ integration: 'openai', provider: 'groq' });
    expect(sdkCallContext('openai', 'groq', {}).identity).toBeUndefined();
    const context = sdkCallContext('anthropic', 'anthropic', { provider: 'aws.bedrock', userId: 'u1' });
    expect(context.provider).toBe('aws.bedrock');
    expect(context.identity).toEqual({ userId: 'u1', sessionId: undefined, metadata: undefined });
  });
});
