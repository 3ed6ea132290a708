import type { Diagnostics } from './diagnostics';

/**
 * Runs telemetry code at a boundary with user code. A throw is reported to diagnostics and counted, never
 * propagated; the fallback value is returned instead.
 */
export function guard<T>(
  diag: Diagnostics,
  where: string,
  fn: () => T,
  fallback: T,
  onError?: () => void,
): T {
  try {
    return fn();
  } catch (error) {
    onError?.();
    reportInternalError(diag, where, error);
    return fallback;
  }
}

/**
 * What {@link guard} reports, for call paths that avoid a closure per call:
 * `try { … } catch (error) { reportInternalError(diag, where, error) }`.
 */
export function reportInternalError(diag: Diagnostics, where: string, error: unknown): void {
  diag.error(`internal error in ${where}; the call proceeds without it`, error);
}
