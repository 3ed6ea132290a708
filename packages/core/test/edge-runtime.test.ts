import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the built package bundles and runs where there are no Node built-ins (Edge-style runtime)', () => {
  const script = fileURLToPath(new URL('./fixtures/edge-check.mjs', import.meta.url));
  const run = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('EDGE_OK '));
  expect(line, run.stderr).toBeDefined();
  const report = JSON.parse(line!.slice('EDGE_OK '.length));
  expect(report.nodeImports).toEqual([]);
  expect(report.globals).toEqual({
    process: 'undefined',
    require: 'undefined',
    Buffer: 'undefined',
    AsyncLocalStorage: 'undefined',
  });
  expect(report.spans).toHaveLength(2);
  const [llm, root] = report.spans;
  expect(llm).toMatchObject({
    name: 'edge-llm',
    parentSpanId: root.spanId,
    traceId: report.traceId,
    appName: 'edge',
  });
  expect(root).toMatchObject({ name: 'edge-root', status: 'ok' });
});
