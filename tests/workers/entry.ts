// The Worker's runtime parts without the web UI build (which only exists inside Vite's React
// Router pipeline): its queue handler and its Durable Object, exactly as deployed.
import { handleQueue } from '../../worker/queues.ts'
import type { Env } from '../../worker/env.ts'

export { NotificationHub } from '../../durable-objects/notification-hub.ts'

export default {
  fetch: () => new Response('runtime test entry'),
  queue: handleQueue,
} satisfies ExportedHandler<Env>
