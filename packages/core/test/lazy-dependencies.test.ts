import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

it.each(['index.js', 'index.cjs'])(
  'importing the built core (%s) loads neither the YAML parser nor tokenizer data; a YAML patterns file loads the parser',
  (file) => {
    const dir = mkdtempSync(join(tmpdir(), 'tapline-lazy-'));
    const patterns = join(dir, 'patterns.yaml');
    writeFileSync(patterns, "- name: ORDER_ID\n  regex: 'ORD-[0-9]{6}'\n  type: PII\n");
    const script = `
      import module from 'node:module';
      const seen = [];
      if (typeof module.registerHooks !== 'function') { console.log(JSON.stringify({ skipped: true })); process.exit(0); }
      module.registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });
      const core = ${file.endsWith('.cjs') ? `module.createRequire(import.meta.url)(${JSON.stringify(join(dist, file))})` : `await import(${JSON.stringify(join(dist, file))})`};
      const atImport = seen.filter((s) => s === 'yaml' || s.includes('js-tiktoken'));
      const loaded = core.loadPatterns(${JSON.stringify(patterns)});
      console.log(JSON.stringify({ atImport, afterLoad: seen.filter((s) => s === 'yaml'), loaded }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    if (result.skipped) return;
    expect(result.atImport).toEqual([]);
    expect(result.afterLoad).toEqual(['yaml']);
    expect(result.loaded).toEqual([{ name: 'ORDER_ID', regex: 'ORD-[0-9]{6}', type: 'PII' }]);
  },
);
