import type { Span } from '../span/span';
import type { Identity, SpanData } from '../span/span-data';
import type { SpanKind } from '../span/span-record';
import type { ParentRef, Telemetry } from './create-telemetry';

/**
 * The call-path start of an SDK call's span (internal to core's instrument helpers): keeps references only —
 * the active context, the parent, the base identity and `resolve`, which the pipeline runs to fill in the span's
 * name, request and input. Positional, so the call path builds no options object.
 */
export type StartSdkSpan = (
  kind: SpanKind,
  integration: string,
  provider: string,
  operation: string,
  parent: ParentRef | null | undefined,
  base: Identity | undefined,
  resolve: (data: SpanData) => void,
) => Span;

/** Where a telemetry instance made by `createTelemetry` keeps its {@link StartSdkSpan} (not part of the API). */
export const START_SDK_SPAN = Symbol('tapline.startSdkSpan');

/** The instance's SDK-span start, or undefined for a `Telemetry` made elsewhere (a test double, say). */
export function sdkSpanStarter(telemetry: Telemetry): StartSdkSpan | undefined {
  return (telemetry as unknown as { [START_SDK_SPAN]?: StartSdkSpan })[START_SDK_SPAN];
}
