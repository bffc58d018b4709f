// One import: mapping and dry run before it starts, live progress while it runs, then the result
// with its errors, the Excel report and the undo.
import { useCallback, useState } from 'react'
import { Link, useRevalidator } from 'react-router'
import type { Route } from './+types/imports.$id'
import { apiJson } from '../lib/api.server'
import { t, type MessageKey } from '../i18n/fr'
import { api, problemMessage } from '../lib/api-client'
import { PageHeader } from '../components/page'
import { btn, card, cx, link, muted, neutralBadge } from '../components/ui'
import { InlineAlert } from '../components/field'
import {
  ErrorList,
  MappingStep,
  ProgressBar,
  useImportProgress,
  type ImportDetailDto,
} from '../components/import-steps'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.fileName ?? t('import.title')} · ${t('app.name')}` },
]

export async function loader({ params, context }: Route.LoaderArgs) {
  return apiJson<ImportDetailDto>(context, `/api/v1/imports/${encodeURIComponent(params.id)}`)
}

export default function ImportPage({ loaderData: imp }: Route.ComponentProps) {
  const revalidator = useRevalidator()
  const [started, setStarted] = useState(false)
  const [reverting, setReverting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = imp.status === 'running' || started || reverting
  const settle = useCallback(() => {
    setStarted(false)
    revalidator.revalidate()
  }, [revalidator])
  const { progress, left } = useImportProgress(imp.id, running, settle)
  if (reverting && imp.status === 'reverted') setReverting(false)

  async function revert() {
    if (!confirm(t('import.revert.confirm'))) return
    const r = await api(`/api/v1/imports/${imp.id}/revert`, { method: 'POST', body: {} })
    if (r.ok) setReverting(true)
    else setError(problemMessage(r, t('error.generic.body')))
  }
  const shown = progress ?? imp.progress

  return (
    <div className="space-y-6">
      <PageHeader
        title={imp.fileName}
        subtitle={
          <>
            <Link to="/imports" className={link}>
              {t('import.title')}
            </Link>{' '}
            · {t(`import.entity.${imp.entity}` as MessageKey)} · {imp.rowCount} lignes{' '}
            <span className={neutralBadge} data-testid="import-status">
              {t(`import.status.${imp.status}` as MessageKey)}
            </span>
          </>
        }
      />
      {imp.status === 'uploaded' && !started ? <MappingStep imp={imp} onStarted={() => setStarted(true)} /> : null}
      {running && !reverting ? (
        <section className={cx(card, 'space-y-2 p-4')}>
          <ProgressBar done={shown.done} total={shown.total || imp.rowCount} left={left} />
          <p className={cx(muted, 'text-sm')}>{t('import.leave')}</p>
        </section>
      ) : null}
      {['completed', 'failed', 'reverted'].includes(imp.status) ? (
        <section className={cx(card, 'space-y-3 p-4')} data-testid="import-result">
          <ProgressBar done={imp.progress.done} total={imp.progress.total} left={null} />
          <p className="font-medium">{t('import.result', { done: imp.progress.done, ...imp.counts })}</p>
          {imp.failure ? <p className="text-sm text-red-700 dark:text-red-300">{imp.failure}</p> : null}
          <ErrorList errors={imp.errors} />
          <div className="flex flex-wrap gap-2">
            <a className={btn.secondary} href={`/api/v1/imports/${imp.id}/report.xlsx`} download>
              {t('import.report')}
            </a>
            {imp.status === 'completed' ? (
              <button type="button" className={btn.danger} disabled={reverting} onClick={revert}>
                {reverting ? t('import.reverting') : t('import.revert')}
              </button>
            ) : null}
          </div>
          <InlineAlert>{error}</InlineAlert>
          {imp.revert ? (
            <div className="text-sm" data-testid="import-reverted">
              <p>{t('import.reverted', { binned: imp.revert.binned, restored: imp.revert.restored })}</p>
              {imp.revert.leftAlone.length ? (
                <>
                  <p>{t('import.leftAlone')}</p>
                  <ul className="list-inside list-disc">
                    {imp.revert.leftAlone.map((l) => (
                      <li key={l.line}>
                        <Link className={link} to={`/${imp.entity}/${l.recordId}`}>
                          {t('import.error.line', { line: String(l.line) })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
