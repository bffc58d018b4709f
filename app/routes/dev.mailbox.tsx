// The development mailbox of a local run (DEV_MAILBOX=on): mails are stored here (and printed to
// the log) instead of being sent. Admins only (the API refuses anyone else).
import { data as respond } from 'react-router'
import type { Route } from './+types/dev.mailbox'
import { t } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { formatDateTime } from '../lib/format'
import { card, link, muted } from '../components/ui'
import { EmptyState } from '../components/page'

type Mail = { id: string; to: string; subject: string; text: string; createdAt: string }

export const meta: Route.MetaFunction = () => [{ title: `${t('mailbox.title')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  if (context.env.DEV_MAILBOX !== 'on') throw respond(null, { status: 404 })
  return apiJson<{ data: Mail[] }>(context, '/api/v1/dev/mails?limit=50')
}

// Links in a mail's text become clickable; the rest stays plain text.
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g)
  return (
    <p className="whitespace-pre-wrap break-words text-sm">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          /* biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text, never reordered, and links may
             repeat */
          <a key={i} href={part} className={link}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  )
}

export default function DevMailbox({ loaderData }: Route.ComponentProps) {
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-4 md:p-8">
      <h1 className="text-2xl font-semibold">{t('mailbox.title')}</h1>
      <p className={`${muted} text-sm`}>{t('mailbox.intro')}</p>
      {loaderData.data.length === 0 ? (
        <EmptyState title={t('mailbox.empty')} />
      ) : (
        <ul className="space-y-3" data-testid="mailbox">
          {loaderData.data.map((m) => (
            <li key={m.id} className={`${card} space-y-2 p-4`}>
              <div className="flex flex-wrap gap-x-4 text-sm">
                <strong>{m.subject}</strong>
                <span className={muted}>{t('mailbox.to', { to: m.to })}</span>
                <span className={muted}>{formatDateTime(m.createdAt)}</span>
              </div>
              <MailText text={m.text} />
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
