import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SDK_NAME, SDK_VERSION } from './version';

it('matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  expect([SDK_NAME, SDK_VERSION]).toEqual([pkg.name, pkg.version]);
});
