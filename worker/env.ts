// The one Env type: every binding and variable declared in wrangler.toml, plus secrets.
import type { NotificationHub } from '../durable-objects/notification-hub.ts'

export interface Env {
  // secrets (.dev.vars locally, `wrangler secret put` in production)
  DATABASE_URL: string
  SESSION_SECRET: string
  SENTRY_DSN?: string
  // production mail transport (worker/mail/mailer.ts); outside production mails go to /dev/mailbox
  MAIL_API_URL?: string
  MAIL_API_KEY?: string
  MAIL_FROM?: string
  // encrypts webhook signing secrets at rest (worker/webhooks/secret-box.ts); .dev.vars locally
  WEBHOOK_SECRET_KEY: string
  // local only: the embedded database's WebSocket proxy (unset in production)
  DB_WS_PROXY?: string
  // "tcp": the Worker reaches Postgres by a TCP socket, not a WebSocket (worker/db/tcp-socket.ts),
  // as a Hyperdrive deployment would; opt-in (decision 009)
  DB_SOCKET?: 'tcp'
  // local only: "on" keeps mails in the development mailbox (admins read it at /dev/mailbox);
  // set by the local dev server (vite.config.ts), never in wrangler.toml
  DEV_MAILBOX?: 'on'

  // vars
  ENVIRONMENT: 'development' | 'test' | 'production'
  APP_VERSION: string
  ALLOWED_ORIGINS: string
  APP_URL: string
  // printed on PDF exports (worker/exports/firm.ts)
  FIRM_NAME?: string

  // bindings
  CACHE: KVNamespace
  FILES: R2Bucket
  EVENTS_QUEUE: Queue<QueueMessageBody>
  WEBHOOKS_QUEUE: Queue<QueueMessageBody>
  // a webhook message whose last attempt failed is sent here (worker/webhooks/webhooks.consumer.ts)
  WEBHOOKS_DLQ: Queue<QueueMessageBody>
  EXPORTS_QUEUE: Queue<QueueMessageBody>
  IMPORTS_QUEUE: Queue<QueueMessageBody>
  NOTIFICATION_HUB: DurableObjectNamespace<NotificationHub>
  LOGIN_LIMITER: RateLimit
  API_LIMITER: RateLimit
}

export type QueueMessageBody = Record<string, unknown>
