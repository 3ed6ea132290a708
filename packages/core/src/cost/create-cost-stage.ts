import type { ResolvedConfig } from '../config/resolve-config';
import type { SpanStage, StageContext } from '../pipeline/span-stage';
import { buildPriceTable } from './build-price-table';
import { priceUsage } from './price-usage';

/**
 * The `cost` stage: prices each span's normalized usage with the merged price table (built and validated here,
 * once; throws `TaplineConfigError` naming a bad entry). The model is the response model, else the request
 * model; the provider disambiguates. A model not in the table gets no cost (absent, not 0) and one warning.
 */
export function createCostStage(config: ResolvedConfig, context: StageContext): SpanStage {
  const table = buildPriceTable(config);
  return {
    name: 'cost',
    process(span) {
      const usage = span.usage;
      if (!usage || (usage.input === undefined && usage.output === undefined)) return;
      const model = span.responseModel ?? span.requestModel;
      if (!model) return;
      let entry = table.lookup(model, span.provider);
      if (!entry && span.requestModel && span.requestModel !== model)
        entry = table.lookup(span.requestModel, span.provider);
      if (!entry) {
        const name = span.provider ? `${span.provider}/${model}` : model;
        context.diag.warnOnce(
          `cost:unknown-model:${name}`,
          `no price for model "${name}"; its spans get no cost. Add it with the prices or pricesFile option, or map it with modelAliases`,
        );
        return;
      }
      span.cost = priceUsage(usage, entry);
    },
  };
}
