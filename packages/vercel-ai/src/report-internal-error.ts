import type { Diagnostics } from '@tapline/core';

/**
 * Reports a failure of Tapline's own code at a boundary with user code, worded as core's `guard` reports it. For
 * the call path, where a `guard` closure per call is avoided: `try { … } catch (error) { reportInternalError(…) }`.
 */
export function reportInternalError(diag: Diagnostics, where: string, error: unknown): void {
  diag.error(`internal error in ${where}; the call proceeds without it`, error);
}
