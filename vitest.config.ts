import { defineConfig } from 'vitest/config'

// One project: API integration tests and browser tests share one running stack (PGlite + the
// Worker in workerd with its KV, Queues, Durable Objects), started once by the global setup.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global-server.ts'],
    setupFiles: ['tests/setup/fail-on-console-error.ts'],
    environment: 'node',
    // Two cores: one file at a time keeps timings honest and the browser responsive.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
})
