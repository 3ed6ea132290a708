import { startTelemetryHarness, type TelemetryHarness } from '@tapline/testkit';
import OpenAI from 'openai';
import { type WrapOpenAIOptions, wrapOpenAI } from '../src/index';

export interface Harness extends TelemetryHarness {
  rawClient: OpenAI;
  client: OpenAI;
}

export const API_KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz012345';

export async function harness(options: Omit<WrapOpenAIOptions, 'telemetry'> = {}): Promise<Harness> {
  const base = await startTelemetryHarness({ appName: 'openai-tests' });
  const rawClient = new OpenAI({ apiKey: API_KEY, baseURL: base.server.openaiBaseURL, maxRetries: 2 });
  return { ...base, rawClient, client: wrapOpenAI(rawClient, { telemetry: base.telemetry, ...options }) };
}
