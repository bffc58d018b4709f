// The steps of one import: mapping and mode, dry run with preview, live progress, result.
import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { DryRunResult, ImportDetail, ImportSummary } from '../../worker/imports/import.schema'
import { t, type MessageKey } from '../i18n/fr'
import { api, problemMessage } from '../lib/api-client'
import { btn, card, cx, h2, muted } from './ui'
import { InlineAlert } from './field'

export type ImportSummaryDto = z.infer<typeof ImportSummary>
export type ImportDetailDto = z.infer<typeof ImportDetail>
type DryRun = z.infer<typeof DryRunResult>
const MODES = ['create', 'update', 'upsert'] as const
const select =
  'min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-800'

export function MappingStep({ imp, onStarted }: { imp: ImportDetailDto; onStarted: () => void }) {
  const [mapping, setMapping] = useState(imp.mapping)
  const [mode, setMode] = useState<string>('upsert')
  const [dry, setDry] = useState<DryRun | null>(null)
  const [busy, setBusy] = useState<'dry' | 'start' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const body = { mapping, mode }
  const label = (key: unknown) => imp.fields.find((f) => f.key === key)?.label ?? String(key)

  async function dryRun() {
    setBusy('dry')
    const r = await api<DryRun>(`/api/v1/imports/${imp.id}/dry-run`, { method: 'POST', body })
    setBusy(null)
    if (r.ok) setDry(r.data)
    setError(r.ok ? null : problemMessage(r, t('error.generic.body')))
  }
  async function start() {
    setBusy('start')
    const r = await api(`/api/v1/imports/${imp.id}/start`, { method: 'POST', body })
    setBusy(null)
    if (r.ok) onStarted()
    else setError(problemMessage(r, t('error.generic.body')))
  }
  const previewKeys = mapping.filter(Boolean) as string[]
  // A problem names the file's column (or, for a missing value, the field): the cell it belongs to.
  const keyOf = (column: string | null) => {
    if (!column) return null
    const i = imp.headers.indexOf(column)
    return i >= 0 ? mapping[i] : (imp.fields.find((f) => f.label === column)?.key ?? null)
  }

  return (
    <div className="space-y-4">
      <section className={cx(card, 'space-y-3 p-4')}>
        <h2 className={h2}>{t('import.mapping')}</h2>
        <p className={cx(muted, 'text-sm')}>{t('import.mapping.help')}</p>
        <table className="w-full text-sm" data-testid="import-mapping">
          <thead>
            <tr className="text-left">
              <th className="py-1 pr-3">{t('import.mapping.column')}</th>
              <th className="py-1">{t('import.mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {imp.headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their position is their identity
              <tr key={`${h}-${i}`}>
                <td className="py-1 pr-3 font-medium">{h}</td>
                <td className="py-1">
                  <select
                    aria-label={h}
                    className={select}
                    value={mapping[i] ?? ''}
                    onChange={(e) => {
                      setMapping(mapping.map((m, j) => (j === i ? e.target.value || null : m)))
                      setDry(null)
                    }}
                  >
                    <option value="">{t('import.mapping.ignore')}</option>
                    {imp.fields.map((f) => (
                      <option key={f.key} value={f.key} disabled={mapping.includes(f.key) && mapping[i] !== f.key}>
                        {f.label}
                        {f.required ? ' *' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={cx(card, 'space-y-3 p-4')}>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 font-medium">{t('import.mode')}</legend>
          {MODES.map((m) => (
            <label key={m} className="flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m)
                  setDry(null)
                }}
              />
              {t(`import.mode.${m}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <p className={cx(muted, 'text-sm')} data-testid="import-rules">
          {t('import.rules')}
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={btn.secondary} disabled={!!busy} onClick={dryRun}>
            {busy === 'dry' ? t('import.previewing') : t('import.preview')}
          </button>
          <button type="button" className={btn.primary} disabled={!!busy} onClick={start}>
            {t('import.start')}
          </button>
        </div>
        <InlineAlert>{error}</InlineAlert>
      </section>
      {dry ? (
        <section className={cx(card, 'space-y-3 p-4')} data-testid="import-dry-run">
          <p className="font-medium">{t('import.dryRun', dry.counts)}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className="pr-3">#</th>
                  <th className="pr-3">{t('import.col.status')}</th>
                  {previewKeys.map((k) => (
                    <th key={k} className="pr-3">
                      {label(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dry.preview.map((r) => (
                  <tr key={r.line} className={r.outcome === 'error' ? 'bg-red-50 dark:bg-red-950' : ''}>
                    <td className="pr-3">{r.line}</td>
                    <td className="pr-3">
                      {t(`import.outcome.${r.outcome}` as MessageKey)}
                      {r.message && r.outcome !== 'error' ? (
                        <span className="block text-xs text-red-700 dark:text-red-300">{r.message}</span>
                      ) : null}
                      {r.errors
                        .filter((e) => !previewKeys.includes(keyOf(e.column) ?? ''))
                        .map((e) => (
                          <span key={e.message} className="block text-xs text-red-700 dark:text-red-300">
                            {e.column ? `${e.column} — ` : ''}
                            {e.message}
                          </span>
                        ))}
                    </td>
                    {previewKeys.map((k) => {
                      const problems = r.errors.filter((e) => keyOf(e.column) === k)
                      // A refused value is shown as the file has it, next to its reason.
                      const shown = r.values[k] ?? r.cells[mapping.indexOf(k)] ?? ''
                      return (
                        <td
                          key={k}
                          className={cx('pr-3', problems.length ? 'text-red-800 dark:text-red-200' : '')}
                          data-problem={problems.length ? 'true' : undefined}
                        >
                          {String(shown)}
                          {problems.map((e) => (
                            <span key={e.message} className="block text-xs text-red-700 dark:text-red-300">
                              {e.message}
                            </span>
                          ))}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorList errors={dry.errors} />
        </section>
      ) : null}
    </div>
  )
}

export function ErrorList({ errors }: { errors: ImportDetailDto['errors'] }) {
  if (!errors.length) return null
  return (
    <div>
      <h3 className="font-medium">{t('import.errors')}</h3>
      <ul className="list-inside list-disc text-sm" data-testid="import-errors">
        {errors.map((e) => (
          <li key={e.line}>
            {t('import.error.line', { line: String(e.line) })} : {e.column ? `${e.column} — ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

// Live progress from the importer's WebSocket (NotificationHub), with a poll as a fallback.
export function useImportProgress(id: string, running: boolean, onSettled: () => void) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [since] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const ws = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/notifications/ws`,
    )
    ws.onmessage = (e) => {
      try {
        const msg = JSON.parse(String(e.data))
        if (msg.type !== 'import.progress' || msg.importId !== id) return
        setProgress({ done: msg.done, total: msg.total })
        if (msg.status !== 'running') onSettled()
      } catch {}
    }
    const poll = setInterval(async () => {
      const r = await api<ImportSummaryDto>(`/api/v1/imports/${id}`)
      if (!r.ok) return
      setProgress(r.data.progress)
      if (r.data.status !== 'running') onSettled()
    }, 2000)
    return () => {
      ws.close()
      clearInterval(poll)
    }
  }, [id, running, onSettled])
  const left =
    progress && progress.done > 0 && progress.done < progress.total
      ? Math.ceil((((Date.now() - since) / progress.done) * (progress.total - progress.done)) / 1000)
      : null
  return { progress, left }
}

export function ProgressBar({ done, total, left }: { done: number; total: number; left: number | null }) {
  const pct = total ? Math.round((done / total) * 100) : 0
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={t('import.progress', { done, total })}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-blue-700 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm" data-testid="import-progress">
        {pct} % · {t('import.progress', { done, total })}
        {left !== null ? ` · ${t('import.timeLeft', { seconds: left })}` : ''}
      </p>
    </div>
  )
}
