import { defineConfig } from 'vitest/config';

// The package tests pack dunmail, install the tarball into a fresh project and run the
// README's samples there: about 90 s, so `npm run test:package` runs them apart from `npm test`.
export default defineConfig({
  test: {
    include: ['test/package/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
