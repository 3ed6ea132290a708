import type { Identity } from '@tapline/core';

/** What a call may pass under `providerOptions.tapline`. */
export interface TaplineProviderOptions {
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
}

/**
 * Reads `providerOptions.tapline` (`userId`, `sessionId`, `metadata`) from a call's options. Values of the wrong
 * type are ignored; undefined when there is nothing to use.
 */
export function readTaplineOptions(
  providerOptions: Record<string, unknown> | undefined,
): Identity | undefined {
  const raw = providerOptions?.tapline;
  if (!raw || typeof raw !== 'object') return undefined;
  const { userId, sessionId, metadata } = raw as Record<string, unknown>;
  const identity: Identity = {};
  if (typeof userId === 'string') identity.userId = userId;
  if (typeof sessionId === 'string') identity.sessionId = sessionId;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata))
    identity.metadata = metadata as Record<string, unknown>;
  return identity;
}

/** The integration's own `metadata` option under a call's (`providerOptions.tapline.metadata` wins per key). */
export function callMetadata(
  base: Record<string, unknown> | undefined,
  identity: Identity | undefined,
): Record<string, unknown> | undefined {
  const own = identity?.metadata;
  return base && own ? { ...base, ...own } : (own ?? base);
}
