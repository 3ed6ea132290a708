import Anthropic from '@anthropic-ai/sdk';
import { startTelemetryHarness, type TelemetryHarness } from '@tapline/testkit';
import { type WrapAnthropicOptions, wrapAnthropic } from '../src/index';

export interface Harness extends TelemetryHarness {
  rawClient: Anthropic;
  client: Anthropic;
}

export const API_KEY = 'sk-ant-test-abcdefghijklmnopqrstuvwxyz012345';

export async function harness(options: Omit<WrapAnthropicOptions, 'telemetry'> = {}): Promise<Harness> {
  const base = await startTelemetryHarness({ appName: 'anthropic-tests' });
  const rawClient = new Anthropic({ apiKey: API_KEY, baseURL: base.server.anthropicBaseURL, maxRetries: 2 });
  return { ...base, rawClient, client: wrapAnthropic(rawClient, { telemetry: base.telemetry, ...options }) };
}
