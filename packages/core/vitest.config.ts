import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Loading a tokenizer's encoding takes seconds of CPU on a busy 2-core machine; tests wait for it.
    testTimeout: 90_000,
  },
});
