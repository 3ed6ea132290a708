import { getNodeBuiltin } from '../runtime/node-builtin';
import type { Identity } from '../span/span-data';

/** What is "current" for code running inside `withContext` or `span`. */
export interface ContextState {
  /** The active span's ids: new spans become its children. */
  parent?: { traceId: string; spanId: string };
  identity?: Identity;
}

export interface ContextManager {
  /** `true` when context follows async continuations (AsyncLocalStorage); `false` for the sync-only fallback. */
  readonly async: boolean;
  active(): ContextState | undefined;
  run<T>(state: ContextState, fn: () => T): T;
}

interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

type AsyncLocalStorageClass = new <T>() => AsyncLocalStorageLike<T>;

function findAsyncLocalStorage(): AsyncLocalStorageClass | undefined {
  // Vercel Edge and Cloudflare Workers (nodejs_compat) expose it as a global.
  const global = (globalThis as { AsyncLocalStorage?: AsyncLocalStorageClass }).AsyncLocalStorage;
  if (typeof global === 'function') return global;
  return getNodeBuiltin<{ AsyncLocalStorage?: AsyncLocalStorageClass }>('node:async_hooks')
    ?.AsyncLocalStorage;
}

function asyncManager(Storage: AsyncLocalStorageClass): ContextManager {
  const storage = new Storage<ContextState>();
  return {
    async: true,
    active: () => storage.getStore(),
    run: (state, fn) => storage.run(state, fn),
  };
}

/** Without AsyncLocalStorage, context holds for synchronous code only; pass parents explicitly across awaits. */
function stackManager(): ContextManager {
  let current: ContextState | undefined;
  return {
    async: false,
    active: () => current,
    run(state, fn) {
      const previous = current;
      current = state;
      try {
        return fn();
      } finally {
        current = previous;
      }
    },
  };
}

const KEY = Symbol.for('tapline.context-manager');

/**
 * One manager per process, shared through a global symbol so that two copies of @tapline/core (ESM and CJS, or
 * two versions) see the same current span.
 */
export function contextManager(): ContextManager {
  const holder = globalThis as { [KEY]?: ContextManager };
  let manager = holder[KEY];
  if (!manager) {
    const Storage = findAsyncLocalStorage();
    manager = Storage ? asyncManager(Storage) : stackManager();
    holder[KEY] = manager;
  }
  return manager;
}
