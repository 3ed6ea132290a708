import type { Identity } from '@tapline/core';

/** Metadata keys that carry a user or session identifier: moved to the span's identity, hashed by core. */
const USER_KEYS = ['user_id', 'userId'] as const;
const SESSION_KEYS = ['session_id', 'sessionId', 'thread_id', 'conversation_id'] as const;

function isHidden(key: string): boolean {
  // ls_* describe the model (mapped onto span fields); __* are LangGraph internals; versions is LangChain's.
  return key.startsWith('ls_') || key.startsWith('__') || key === 'checkpoint_ns' || key === 'versions';
}

/**
 * Splits LangChain run metadata into the span's identity (user and session ids) and its exported metadata
 * (without model descriptors and internals), with the run's tags under `tags`. One pass over the keys.
 */
export function runIdentity(
  metadata: Record<string, unknown> | undefined,
  tags: string[] | undefined,
): Identity | undefined {
  let exported: Record<string, unknown> | undefined;
  let userId: string | undefined;
  let sessionId: string | undefined;
  if (metadata) {
    for (const key in metadata) {
      const value = metadata[key];
      if (value === undefined || isHidden(key)) continue;
      if ((USER_KEYS as readonly string[]).includes(key)) {
        if (userId === undefined && (typeof value === 'string' || typeof value === 'number'))
          userId = String(value);
        continue;
      }
      if ((SESSION_KEYS as readonly string[]).includes(key)) {
        if (sessionId === undefined && (typeof value === 'string' || typeof value === 'number'))
          sessionId = String(value);
        continue;
      }
      exported ??= {};
      exported[key] = value;
    }
  }
  if (tags && tags.length > 0) {
    exported ??= {};
    exported.tags = tags;
  }
  if (exported === undefined && userId === undefined && sessionId === undefined) return undefined;
  const identity: Identity = {};
  if (userId !== undefined) identity.userId = userId;
  if (sessionId !== undefined) identity.sessionId = sessionId;
  if (exported !== undefined) identity.metadata = exported;
  return identity;
}
