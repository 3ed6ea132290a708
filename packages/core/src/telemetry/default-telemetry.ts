import type { TaplineConfig } from '../config/telemetry-config';
import { createTelemetry, type Telemetry } from './create-telemetry';

const KEY = Symbol.for('tapline.default-telemetry');

type Holder = { [KEY]?: Telemetry };

/**
 * Sets the process-wide default telemetry that adapters use when none is passed to them. Returns it. A previous
 * default is flushed and shut down in the background.
 */
export function configure(config: TaplineConfig = {}): Telemetry {
  const holder = globalThis as Holder;
  const previous = holder[KEY];
  const next = createTelemetry(config);
  holder[KEY] = next;
  if (previous && previous !== next) void previous.shutdown().catch(() => undefined);
  return next;
}

/** The process default: the one set by `configure`, or one made from `TAPLINE_*` variables on first use. */
export function getTelemetry(): Telemetry {
  const holder = globalThis as Holder;
  holder[KEY] ??= createTelemetry({});
  return holder[KEY];
}
