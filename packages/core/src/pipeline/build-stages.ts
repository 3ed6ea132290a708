import type { ResolvedConfig } from '../config/resolve-config';
import { createCostStage } from '../cost/create-cost-stage';
import { createPrivacyStage } from '../privacy/create-privacy-stage';
import { createSamplingStage } from '../sampling/sampling-stage';
import { createTokenStage } from '../tokens/create-token-stage';
import type { SpanStage, StageContext } from './span-stage';

/**
 * The processing chain, in order: sample → fill tokens → price → privacy → user stages. Built once per
 * telemetry instance; each factory validates its part of the config and throws `TaplineConfigError` here.
 */
export function buildStages(config: ResolvedConfig, context: StageContext): SpanStage[] {
  return [
    createSamplingStage(config.sampling, context),
    createTokenStage(config, context),
    createCostStage(config, context),
    createPrivacyStage(config, context),
    ...config.stages,
  ];
}
