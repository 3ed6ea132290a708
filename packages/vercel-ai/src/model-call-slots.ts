import type { ParentRef, Span, Telemetry } from '@tapline/core';

/**
 * A model-call span opened by `taplineTelemetry()` that the middleware may take over, so that a model call seen by
 * both is recorded once. The integration runs the provider call with this span active; the middleware, finding
 * it, records into it instead of starting its own, and the integration leaves it alone.
 */
export interface ModelCallSlot {
  readonly span: Span;
  /** Where a second attempt (a retry) of the same call goes: the operation span. */
  readonly parent: ParentRef | undefined;
  claimed: boolean;
}

const KEY = Symbol.for('tapline.vercel-ai.model-call-slots');

/** Shared through a global symbol so that ESM and CJS copies of this package see the same slots. */
export function modelCallSlots(): Map<string, ModelCallSlot> {
  const holder = globalThis as { [KEY]?: Map<string, ModelCallSlot> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

const slots = modelCallSlots();

/**
 * The slot the current model call runs in, if any. Costs a size check when the integration is not in use.
 * A slot already claimed (by an earlier attempt) is returned too: its `parent` places the retry.
 */
export function activeSlot(telemetry: Telemetry): ModelCallSlot | undefined {
  if (slots.size === 0) return undefined;
  const parent = telemetry.activeContext()?.parent;
  return parent ? slots.get(parent.spanId) : undefined;
}
