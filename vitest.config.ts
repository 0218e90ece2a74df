import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // vitest leaves one core free by default; on a 2-core machine that runs the files one by one.
    // One worker more than the cores: a good part of the suite waits on child processes (the
    // language server, SMTP and queue workers, Chromium), not on the CPU.
    maxWorkers: 3,
    // Test files share a worker's modules instead of importing them afresh each: importing was
    // 140 of the suite's 330 seconds here. dunmail's module-level caches are keyed by content
    // (a file's text, a lexicon's hash), so no test sees another's; spies are restored after each test.
    isolate: false,
    restoreMocks: true,
  },
});
