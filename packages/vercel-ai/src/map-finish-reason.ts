import type { SdkFinishReason } from './sdk-types';

/** The SDK's unified finish reason (`stop`, `length`, `tool-calls`, …) from a V3/V4 object or a V2 string. */
export function mapFinishReason(reason: SdkFinishReason | undefined | null): string | undefined {
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object' && typeof reason.unified === 'string') return reason.unified;
  return undefined;
}
