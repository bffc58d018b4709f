// Pieces shared by the webhook screens: the endpoint type, the event picker, the secret shown once.
import { EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../../worker/events/event-types'
import { t } from '../i18n/fr'
import { cx, h2, muted } from './admin.ui'

export type WebhookEndpoint = {
  id: string
  url: string
  description: string | null
  events: string[]
  isActive: boolean
  disabledReason: string | null
  rotationEndsAt: string | null
  lastSuccessAt: string | null
  failingSince: string | null
  missedSince: string | null
  createdAt: string
}

export const WEBHOOK_EVENTS = [...EVENT_TYPES, WEBHOOK_TEST_EVENT]

export function EventPicker({
  selected = ['*'],
  error,
  className,
}: {
  selected?: string[]
  error?: string
  className?: string
}) {
  return (
    <fieldset className={className} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">
        {t('admin.webhooks.events')} *
      </legend>
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="events" value="*" defaultChecked={selected.includes('*')} className="h-5 w-5" />
        {t('admin.webhooks.allEvents')}
      </label>
      <div className="grid gap-x-4 sm:grid-cols-3">
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} className="flex min-h-9 items-center gap-2 font-mono text-xs">
            <input type="checkbox" name="events" value={e} defaultChecked={selected.includes(e)} className="h-4 w-4" />
            {e}
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </fieldset>
  )
}

export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950"
      data-testid="webhook-secret-once"
    >
      <h2 className={h2}>{title}</h2>
      <p className={cx(muted, 'text-sm')}>{t('admin.webhooks.onceBody')}</p>
      <code
        className="block select-all break-all rounded bg-white p-2 text-sm dark:bg-slate-900"
        data-testid="webhook-secret"
      >
        {secret}
      </code>
    </div>
  )
}

export function statusLabel(w: WebhookEndpoint) {
  if (w.isActive) return w.failingSince ? t('admin.webhooks.status.failing') : t('admin.webhooks.status.active')
  return w.disabledReason === 'gone'
    ? t('admin.webhooks.status.gone')
    : w.disabledReason === 'failing'
      ? t('admin.webhooks.status.failed')
      : t('admin.webhooks.status.disabled')
}
