// The Worker-runtime tests' `env` (from cloudflare:test): the app's one Env type plus the bindings
// only vitest.config.ts gives these tests, so no test casts `env as unknown as Env`.
import type { Env as WorkerEnv } from '../../worker/env.ts'

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      WEBHOOK_RECEIVER_URL: string
    }
  }
}
