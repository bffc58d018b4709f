import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

const shared = {
  setupFiles: ['tests/setup/fail-on-console-error.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
}

export default defineConfig({
  test: {
    // Two cores: one file at a time keeps timings honest and the browser responsive.
    fileParallelism: false,
    projects: [
      {
        // API integration and browser tests share one running stack (PGlite + the Worker in
        // workerd with its KV, Queues, Durable Objects), started once by the global setup.
        test: {
          ...shared,
          name: 'app',
          include: ['tests/api/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/global-server.ts'],
          environment: 'node',
          // One retry: the browser tests drive the Vite dev server, where a first compile under
          // a saturated CPU can outlast a 30 s navigation. A test that fails twice still fails.
          retry: 1,
        },
      },
      {
        // On a real Postgres each file starts itself (tests/setup/real-postgres.ts): races PGlite
        // cannot show, and the database stopped under traffic. No shared stack to wait for.
        test: { ...shared, name: 'postgres', include: ['tests/postgres/**/*.test.ts'], environment: 'node' },
      },
      {
        // Worker-runtime tests: inside workerd, calling the queue handler and the Durable Object.
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './tests/workers/entry.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                DATABASE_URL: inject('dbUrl'),
                DB_WS_PROXY: inject('dbProxy'),
                ENVIRONMENT: 'test',
                SESSION_SECRET: 'test',
                DEV_MAILBOX: 'on',
                WEBHOOK_SECRET_KEY: 'test-webhook-secret-key',
                WEBHOOK_RECEIVER_URL: inject('webhookReceiverUrl'),
              },
            },
          })),
        ],
        test: {
          ...shared,
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
          globalSetup: ['tests/setup/global-db.ts', 'tests/setup/webhook-receiver-global.ts'],
        },
      },
    ],
  },
})
