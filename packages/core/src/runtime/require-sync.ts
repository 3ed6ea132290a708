import { getNodeBuiltin } from './node-builtin';

type Require = (id: string) => unknown;

function localRequire(): Require | undefined {
  const moduleApi = getNodeBuiltin<{ createRequire(from: string): Require }>('node:module');
  // ESM build (and the sources): resolve from this module's URL.
  const url = (import.meta as { url?: unknown }).url;
  if (typeof url === 'string' && moduleApi) return moduleApi.createRequire(url);
  // CommonJS build: `import.meta` is empty there, and the module-local `require` resolves from this file.
  // biome-ignore lint/suspicious/noTsIgnore: declared only in the CommonJS build's scope; @ts-expect-error would fail where Node types declare it
  // @ts-ignore
  return typeof require === 'function' ? (require as Require) : undefined;
}

/**
 * Loads an optional dependency synchronously where the runtime can (Node, Bun, Deno), resolved from this
 * package; undefined elsewhere (Edge) or when it cannot be loaded. Keeps rarely used dependencies, such as the
 * YAML parser for pattern files, out of the import of @tapline/core.
 */
export function requireSync<T>(id: string): T | undefined {
  try {
    return localRequire()?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}
