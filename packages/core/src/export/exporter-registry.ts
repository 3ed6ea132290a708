import type { ExporterDescription } from '../config/telemetry-config';
import type { Diagnostics } from '../diagnostics/diagnostics';
import { consoleExporter } from './console-exporter';
import { EXPORT_SUCCESS, type SpanExporter } from './span-exporter';

export type ExporterFactory = (description: ExporterDescription, diag: Diagnostics) => SpanExporter;

const KEY = Symbol.for('tapline.exporter-factories');

function factories(): Map<string, ExporterFactory> {
  const holder = globalThis as { [KEY]?: Map<string, ExporterFactory> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Lets a package (such as @tapline/exporters) provide the exporter for a description type. */
export function registerExporterFactory(type: string, factory: ExporterFactory): void {
  factories().set(type, factory);
}

const noneExporter: SpanExporter = {
  export: async () => EXPORT_SUCCESS,
  shutdown: async () => {},
};

/**
 * An exporter whose implementation lives in @tapline/exporters, loaded on first use so that core neither depends
 * on it nor loads Node-only code where it is not wanted.
 */
function lazyExporter(description: ExporterDescription, diag: Diagnostics): SpanExporter {
  let loaded: Promise<SpanExporter> | undefined;
  const load = (): Promise<SpanExporter> => {
    loaded ??= (async () => {
      const specifier = '@tapline/exporters';
      await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
      const factory = factories().get(description.type);
      if (!factory)
        throw new Error(`@tapline/exporters did not register an exporter for "${description.type}"`);
      return factory(description, diag);
    })();
    return loaded;
  };
  return {
    async export(spans) {
      try {
        return await (await load()).export(spans);
      } catch (error) {
        diag.warnOnce(
          `load:${description.type}`,
          `exporter "${description.type}" is unavailable; install @tapline/exporters`,
          error,
        );
        return { code: 'failed', error };
      }
    },
    async shutdown() {
      if (loaded) await (await loaded.catch(() => noneExporter)).shutdown();
    },
    async forceFlush() {
      if (loaded) await (await loaded.catch(() => noneExporter)).forceFlush?.();
    },
  };
}

export function exporterFromDescription(description: ExporterDescription, diag: Diagnostics): SpanExporter {
  const registered = factories().get(description.type);
  if (registered) return registered(description, diag);
  switch (description.type) {
    case 'console':
      return consoleExporter({ format: description.format });
    case 'none':
      return noneExporter;
    default:
      return lazyExporter(description, diag);
  }
}
