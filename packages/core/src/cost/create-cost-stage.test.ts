import { describe, expect, it } from 'vitest';
import { spanData } from '../../test/span-data';
import { TaplineConfigError } from '../config/config-error';
import { resolveConfig } from '../config/resolve-config';
import type { TaplineConfig } from '../config/telemetry-config';
import { createDiagnostics } from '../diagnostics/diagnostics';
import type { StageContext } from '../pipeline/span-stage';
import { createCostStage } from './create-cost-stage';

function setup(config: TaplineConfig = {}) {
  const warnings: string[] = [];
  const diag = createDiagnostics('warn', (_level, message) => warnings.push(message));
  const stage = createCostStage(resolveConfig(config), { diag, stats: {} } as unknown as StageContext);
  return { stage, warnings };
}

const span = spanData;

describe('createCostStage', () => {
  it('prices spans from usage, response model and provider', () => {
    const { stage } = setup();
    expect(stage.name).toBe('cost');
    const data = span({
      provider: 'openai',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      usage: { input: 1_000_000, output: 100_000, cachedInput: 200_000, source: 'provider' },
    });
    stage.process(data);
    expect(data.cost).toEqual({
      currency: 'USD',
      input: 2,
      cachedInput: 0.25,
      output: 1,
      total: 3.25,
      priceVersion: 'openai/gpt-4o@2024-10-01',
    });
  });

  it('falls back to the request model, and resolves aliases', () => {
    const { stage } = setup({ modelAliases: { 'chat-prod': 'gpt-4o-mini' } });
    const data = span({
      provider: 'azure',
      requestModel: 'chat-prod',
      responseModel: 'unknown-snapshot',
      usage: { input: 1_000_000, source: 'provider' },
    });
    stage.process(data);
    expect(data.cost).toMatchObject({
      input: 0.15,
      total: 0.15,
      priceVersion: 'openai/gpt-4o-mini@2024-10-01',
    });
  });

  it('gives unknown models no cost and warns once per model', () => {
    const { stage, warnings } = setup();
    for (let i = 0; i < 3; i++) {
      const data = span({
        provider: 'acme',
        requestModel: 'mystery-1',
        usage: { input: 1, output: 1, source: 'provider' },
      });
      stage.process(data);
      expect(data.cost).toBeUndefined();
    }
    stage.process(span({ requestModel: 'mystery-2', usage: { input: 1, source: 'provider' } }));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('acme/mystery-1');
  });

  it('leaves spans without usage alone', () => {
    const { stage, warnings } = setup();
    const data = span({ requestModel: 'gpt-4o' });
    stage.process(data);
    expect(data.cost).toBeUndefined();
    expect(warnings).toHaveLength(0);
  });

  it('uses config prices and throws TaplineConfigError naming a bad entry at creation', () => {
    const { stage } = setup({
      prices: [{ provider: 'acme', model: 'house', version: '2025-01-01', input: 1, output: 1 }],
    });
    const data = span({ requestModel: 'house', usage: { input: 1_000_000, output: 0, source: 'provider' } });
    stage.process(data);
    expect(data.cost?.total).toBe(1);
    expect(() =>
      setup({ prices: [{ provider: 'acme', model: 'house', version: '2025-01-01', input: -1, output: 1 }] }),
    ).toThrow(TaplineConfigError);
    expect(() =>
      setup({ prices: [{ provider: 'acme', model: 'house', version: '2025-01-01', input: -1, output: 1 }] }),
    ).toThrow('prices[0] (acme/house@2025-01-01).input');
  });
});
