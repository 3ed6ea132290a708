import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(packageRoot, 'node_modules/.cache/tapline-lazy-encoding');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('encoding data loads lazily', () => {
  it('no source file imports js-tiktoken statically (only `import type` and dynamic `import()`)', () => {
    for (const file of sourceFiles(join(packageRoot, 'src'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+'js-tiktoken/m);
      expect(text, file).not.toMatch(/^export\s+[^;]*from\s+'js-tiktoken/m);
    }
  });

  it('importing the built core resolves no rank module until a count needs one', () => {
    // Build core with the token and cost entry points, the way tsup builds dist (neutral platform, ESM).
    rmSync(outDir, { recursive: true, force: true }); // chunk names carry content hashes: old ones would linger
    mkdirSync(outDir, { recursive: true });
    const build = spawnSync(
      'npx',
      [
        'tsup',
        'src/index.ts',
        'src/tokens/index.ts',
        'src/cost/index.ts',
        '--no-config',
        '--format',
        'esm',
        '--platform',
        'neutral',
        '--target',
        'es2022',
        '--out-dir',
        outDir,
      ],
      { cwd: packageRoot, encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    const bundle = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(outDir, file), 'utf8'))
      .join('\n');
    // rank files are megabytes of `"bpe_ranks": "…"`; none of it may be inlined
    expect(bundle).not.toMatch(/bpe_ranks["']?\s*:\s*["'`]/);
    expect(bundle.length).toBeLessThan(500_000);
    expect(bundle).toMatch(/import\(['"]js-tiktoken\/ranks\/o200k_base['"]\)/);

    const script = `
      import module from 'node:module';
      const seen = [];
      if (typeof module.registerHooks !== 'function') { console.log(JSON.stringify({ skipped: true })); process.exit(0); }
      module.registerHooks({ resolve(specifier, context, next) { if (specifier.includes('js-tiktoken')) seen.push(specifier); return next(specifier, context); } });
      await import(${JSON.stringify(join(outDir, 'index.js'))});
      const tokens = await import(${JSON.stringify(join(outDir, 'tokens/index.js'))});
      await import(${JSON.stringify(join(outDir, 'cost/index.js'))});
      const atImport = [...seen];
      const count = await tokens.countTokens('hello world', 'gpt-4o');
      console.log(JSON.stringify({ atImport, afterCount: seen, count }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim());
    if (result.skipped) return;
    expect(result.atImport).toEqual([]);
    expect(result.afterCount).toEqual(
      expect.arrayContaining(['js-tiktoken/lite', 'js-tiktoken/ranks/o200k_base']),
    );
    expect(result.afterCount).not.toContain('js-tiktoken/ranks/cl100k_base');
    expect(result.count).toEqual({ tokens: 2, method: 'tokenizer', encoding: 'o200k_base' });
  });
});
