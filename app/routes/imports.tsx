// Import: pick the kind of records, drop a .csv or .xlsx (checked here before it is sent), get the
// templates, and the history of past imports.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Route } from './+types/imports'
import { apiJson } from '../lib/api.server'
import { t, type MessageKey } from '../i18n/fr'
import { formatDateTime } from '../lib/format'
import { useCan } from '../lib/use-me'
import { PageHeader } from '../components/page'
import { btn, card, cx, h2, link, muted, neutralBadge } from '../components/ui'
import type { ImportSummaryDto } from '../components/import-steps'
import { InlineAlert } from '../components/field'

export const meta: Route.MetaFunction = () => [{ title: `${t('import.title')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  return apiJson<{ data: ImportSummaryDto[] }>(context, '/api/v1/imports')
}

const MAX_BYTES = 20 * 1024 * 1024
const ENTITIES = ['organisations', 'people'] as const

// The same refusals as the API, before a byte is sent.
function refusal(file: File): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  if (!['csv', 'txt', 'xlsx'].includes(ext)) return t('import.badType', { ext })
  if (file.size > MAX_BYTES) return t('import.tooBig', { size: `${(file.size / 1024 / 1024).toFixed(1)} Mo` })
  return null
}

export default function Imports({ loaderData }: Route.ComponentProps) {
  const can = useCan()
  const navigate = useNavigate()
  const allowed = ENTITIES.filter((e) => can(`${e}:import`))
  const [entity, setEntity] = useState<string>(allowed[0] ?? 'organisations')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  // A workbook with several visible sheets: the first is read, the user may pick another.
  const [sheets, setSheets] = useState<{
    file: File
    id: string
    names: string[]
    read: string
    chosen: string
  } | null>(null)

  async function send(file: File | undefined, sheet?: string) {
    if (!file) return
    const refused = refusal(file)
    setError(refused)
    if (refused) return
    setBusy(true)
    const form = new FormData()
    form.set('entity', entity)
    form.set('file', file)
    if (sheet) form.set('sheet', sheet)
    else setSheets(null)
    const res = await fetch('/api/v1/imports', { method: 'POST', body: form, credentials: 'same-origin' }).catch(
      () => null,
    )
    setBusy(false)
    const body = (await res?.json().catch(() => null)) as {
      id?: string
      sheetName?: string | null
      sheetNames?: string[]
      detail?: string
      errors?: { message: string }[]
    } | null
    if (res?.status !== 201 || !body?.id) {
      setError(body?.detail ?? body?.errors?.[0]?.message ?? t('error.generic.body'))
      return
    }
    if (!sheet && body.sheetName && (body.sheetNames?.length ?? 0) > 1) {
      setSheets({ file, id: body.id, names: body.sheetNames!, read: body.sheetName, chosen: body.sheetName })
      return
    }
    navigate(`/imports/${body.id}`)
  }

  // The first visible sheet is already read: another one is read by sending the file again.
  function continueWithSheet() {
    if (!sheets) return
    if (sheets.chosen === sheets.read) navigate(`/imports/${sheets.id}`)
    else send(sheets.file, sheets.chosen)
  }

  return (
    <div className="space-y-6">
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <section className={cx(card, 'space-y-4 p-4')}>
        <label className="flex flex-col gap-1 text-sm sm:max-w-xs">
          <span className="font-medium">{t('import.entity')}</span>
          <select
            name="entity"
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            className={
              'min-h-11 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-600 dark:bg-slate-800'
            }
          >
            {allowed.map((e) => (
              <option key={e} value={e}>
                {t(`import.entity.${e}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault()
            setOver(true)
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault()
            setOver(false)
            send(e.dataTransfer.files[0])
          }}
          className={cx(
            'flex min-h-32 cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 ' +
              'border-dashed p-6 text-center',
            over ? 'border-blue-700 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600',
          )}
        >
          <span>
            {busy ? t('import.uploading') : t('import.drop')}{' '}
            {busy ? null : <span className={link}>{t('import.pick')}</span>}
          </span>
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,.txt"
            className="sr-only"
            disabled={busy}
            onChange={(e) => send(e.target.files?.[0])}
          />
        </label>
        <InlineAlert>{error}</InlineAlert>
        {sheets ? (
          <div className="flex flex-wrap items-end gap-3" data-testid="import-sheets">
            <label className="flex flex-col gap-1 text-sm sm:max-w-xs">
              <span className="font-medium">{t('import.sheet')}</span>
              <select
                name="sheet"
                value={sheets.chosen}
                onChange={(e) => setSheets({ ...sheets, chosen: e.target.value })}
                className={
                  'min-h-11 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-600 ' +
                  'dark:bg-slate-800'
                }
              >
                {sheets.names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className={btn.primary} disabled={busy} onClick={continueWithSheet}>
              {t('import.sheet.continue')}
            </button>
            <p className={cx(muted, 'w-full text-sm')}>{t('import.sheet.help')}</p>
          </div>
        ) : null}
        <div className="text-sm">
          <span className="font-medium">{t('import.templates')} : </span>
          {allowed.flatMap((e) =>
            ['csv', 'xlsx'].map((ext) => (
              <a
                key={`${e}.${ext}`}
                className={cx(link, 'mr-3')}
                href={`/api/v1/imports/templates/${e}.${ext}`}
                download
              >
                {t(`import.entity.${e}` as MessageKey)} (.{ext})
              </a>
            )),
          )}
        </div>
      </section>
      <section className="space-y-2">
        <h2 className={h2}>{t('import.history')}</h2>
        {loaderData.data.length === 0 ? (
          <p className={muted}>{t('import.history.none')}</p>
        ) : (
          <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="import-history">
            {loaderData.data.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
                <Link to={`/imports/${i.id}`} className={cx(link, 'min-w-0 flex-1 font-medium')}>
                  {i.fileName}
                </Link>
                <span>{t(`import.entity.${i.entity}` as MessageKey)}</span>
                <span className={neutralBadge}>{t(`import.status.${i.status}` as MessageKey)}</span>
                <span className={muted}>
                  {i.counts.created} / {i.counts.updated} / {i.counts.skipped} / {i.counts.errors}
                </span>
                <span className={muted}>
                  {i.userName ?? '—'} · {formatDateTime(i.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className={cx(muted, 'text-sm')}>
        <Link className={link} to="/aide/import">
          {t('nav.help')}
        </Link>
      </p>
    </div>
  )
}
