import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageExports {
  name: string;
  /** Export names seen through `import()`, sorted. */
  esm: string[];
  /** Export names seen through `require()`, sorted. */
  cjs: string[];
}

function keysVia(packageDir: string, code: string, inputType: 'module' | 'commonjs'): string[] {
  const out = execFileSync(process.execPath, [`--input-type=${inputType}`, '-e', code], {
    cwd: packageDir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return (JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[]).sort();
}

/**
 * Loads a built package by its own name, once with `import()` and once with `require()`, each in a fresh Node
 * process started in the package's folder, and lists what each exposes — the check that a package's `exports`
 * map serves both module systems.
 */
export function packageExports(packageDir: string): PackageExports {
  const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const esm = keysVia(
    packageDir,
    `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default')));`,
    'module',
  );
  const cjs = keysVia(
    packageDir,
    `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m)));`,
    'commonjs',
  );
  return { name, esm, cjs };
}
