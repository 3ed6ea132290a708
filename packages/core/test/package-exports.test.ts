import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// testkit depends on core, so core reaches this node-only helper by path rather than as a package.
import { packageExports } from '../../testkit/src/package-exports';

it('the built package loads with import and with require, exposing the same names', () => {
  const { esm, cjs } = packageExports(fileURLToPath(new URL('..', import.meta.url)));
  expect(esm).toEqual(cjs);
  expect(esm).toEqual(
    expect.arrayContaining([
      'createTelemetry',
      'configure',
      'memoryExporter',
      'countTokens',
      'estimateCost',
      'scanText',
      'hashIdentifier',
      'shouldSample',
    ]),
  );
});
