/**
 * Reaches Node built-ins without a static `node:` import, so that the modules Edge runtimes load stay free of
 * them. `process.getBuiltinModule` exists in Node >= 20.16 and in Bun and Deno; elsewhere this returns undefined.
 */

interface ProcessLike {
  getBuiltinModule?: (id: string) => unknown;
  env?: Record<string, string | undefined>;
  versions?: Record<string, string | undefined>;
  pid?: number;
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  once?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  off?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  removeListener?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  listenerCount?: (event: string) => number;
  kill?: (pid: number, signal?: string) => boolean;
}

/** The host's `process` object when there is one (Node, Bun, Deno), otherwise undefined. */
export function hostProcess(): ProcessLike | undefined {
  const candidate = (globalThis as { process?: ProcessLike }).process;
  return candidate && typeof candidate === 'object' ? candidate : undefined;
}

export function getNodeBuiltin<T>(id: string): T | undefined {
  const getter = hostProcess()?.getBuiltinModule;
  if (typeof getter !== 'function') return undefined;
  try {
    return getter.call(hostProcess(), id) as T | undefined;
  } catch {
    return undefined;
  }
}

/** Environment variables of the host, or an empty object where the runtime has none. */
export function hostEnv(): Record<string, string | undefined> {
  return hostProcess()?.env ?? {};
}

/** Reads a UTF-8 file synchronously; only on runtimes with a file system. */
export function readTextFileSync(path: string): string {
  const fs = getNodeBuiltin<{ readFileSync(path: string, encoding: 'utf8'): string }>('node:fs');
  if (!fs) throw new Error(`cannot read "${path}": this runtime has no file system`);
  return fs.readFileSync(path, 'utf8');
}
