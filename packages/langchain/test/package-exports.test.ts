import { fileURLToPath } from 'node:url';
import { packageExports } from '@tapline/testkit';
import { expect, it } from 'vitest';

it('the built package loads with import and with require, exposing the same names', () => {
  const { esm, cjs } = packageExports(fileURLToPath(new URL('..', import.meta.url)));
  expect(esm).toEqual(cjs);
  expect(esm).toEqual(expect.arrayContaining(['TaplineCallbackHandler']));
});
