// A mandate: its status lifecycle (with the "Signer" action), products, dates and amount.
import { useState } from 'react'
import { Link, redirect, useActionData, useFetcher, useNavigation } from 'react-router'
import type { Route } from './+types/mandates.$id'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField, submit } from '../lib/actions.server'
import { formToJson, useSchemaForm } from '../lib/forms'
import { tryList } from '../lib/lookups.server'
import { flashUrl, useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { labels, t, type MessageKey } from '../i18n/fr'
import { formatDate, formatDateTime, formatMoney } from '../lib/format'
import type { HistoryEntryDto, MandateDto, ProductDto } from '../lib/types'
import type { MandateStatus } from '../../worker/db/enums'
import { MandateUpdate } from '../../worker/mandates/mandate.schema'
import { ConfirmDialog } from '../components/dialog'
import { FormAlert } from '../components/field'
import { FormActions, RecordForm } from '../components/record-form'
import { HistoryList } from '../components/history-list'
import { MandateFields } from '../components/mandate-fields'
import { MandateStatusBadge } from '../components/mandate-list'
import { Breadcrumb, PageHeader } from '../components/page'
import { btn, card, cx, h2, link, muted } from '../components/ui'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.mandate.number ?? ''} · ${t('app.name')}` }]
const SHAPE = { arrays: ['productIds'] }
const LIFECYCLE: MandateStatus[] = ['BROUILLON', 'EN_NEGOCIATION', 'SIGNE', 'ACTIF']
const FINAL: MandateStatus[] = ['RESILIE', 'EXPIRE']

export async function loader({ params, context }: Route.LoaderArgs) {
  const [mandate, products, history] = await Promise.all([
    apiJson<MandateDto>(context, `/api/v1/mandats/${encodeURIComponent(params.id)}`),
    tryList<ProductDto>(context, '/api/v1/products?active=true&limit=100'),
    tryList<HistoryEntryDto>(context, `/api/v1/mandats/${encodeURIComponent(params.id)}/history?limit=20`),
  ])
  return { mandate, products: products.data, history: history.data }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData()
  const id = encodeURIComponent(params.id)
  const intent = form.get('intent')
  if (intent === 'delete') {
    const r = await apiSubmit(context, `/api/v1/mandats/${id}`, 'DELETE')
    return r.ok ? redirect(flashUrl('/mandates', 'mandate.deleted')) : { error: r.problem.detail ?? t('common.failed') }
  }
  if (intent === 'status') {
    const status = String(form.get('status')) as MandateStatus
    return submit(
      context,
      `/api/v1/mandats/${id}`,
      'PATCH',
      { status },
      status === 'SIGNE' ? t('mandate.signed') : t('mandate.statusChanged', { status: labels.mandateStatus[status] }),
    )
  }
  const values = formToJson(form, SHAPE)
  const r = await apiSubmit(context, `/api/v1/mandats/${id}`, 'PATCH', values)
  if (!r.ok) {
    const errors = errorsByField(r.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : r.problem.detail }
  }
  return redirect(flashUrl(`/mandates/${params.id}`, 'mandate.updated'))
}

const TRANSITION_LABEL: Record<MandateStatus, MessageKey> = {
  BROUILLON: 'mandate.to.BROUILLON',
  EN_NEGOCIATION: 'mandate.to.EN_NEGOCIATION',
  SIGNE: 'mandate.to.SIGNE',
  ACTIF: 'mandate.to.ACTIF',
  RESILIE: 'mandate.to.RESILIE',
  EXPIRE: 'mandate.to.EXPIRE',
}

export default function MandateDetail({ loaderData }: Route.ComponentProps) {
  useFlash()
  const { mandate: m, products, history } = loaderData
  const can = useCan()
  const data = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fetcher = useFetcher<{ ok?: boolean; message?: string; error?: string }>()
  const [confirm, setConfirm] = useState<MandateStatus | 'delete' | null>(null)
  useAnswerToast(fetcher.data, fetcher.state, () => setConfirm(null))
  const errors = data && 'errors' in data ? data.errors : undefined
  const { formRef, onSubmit, field } = useSchemaForm(MandateUpdate, errors, SHAPE)
  const canEdit = can('mandates:update') && !FINAL.includes(m.status)
  useSaveShortcut(formRef, canEdit)
  const step = LIFECYCLE.indexOf(m.status)
  const moving = fetcher.state !== 'idle'
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Breadcrumb to="/mandates" label={t('nav.mandates')} />
      <PageHeader
        title={
          <span className="font-mono" data-testid="mandate-number">
            {m.number}
          </span>
        }
        subtitle={
          m.organisationName === null ? (
            t('mandate.organisationHidden')
          ) : (
            <Link to={`/organisations/${m.organisationId}`} className={link}>
              {m.organisationName}
            </Link>
          )
        }
        actions={
          can('mandates:delete') ? (
            <button type="button" className={btn.secondary} onClick={() => setConfirm('delete')}>
              {t('common.delete')}
            </button>
          ) : null
        }
      >
        <div className="mt-2">
          <MandateStatusBadge status={m.status} />
        </div>
      </PageHeader>

      <section className={cx(card, 'space-y-4 p-4')} aria-labelledby="mandate-lifecycle">
        <h2 id="mandate-lifecycle" className={h2}>
          {t('mandate.lifecycle')}
        </h2>
        <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {LIFECYCLE.map((s, i) => {
            const reached = !FINAL.includes(m.status) ? i <= step : i <= LIFECYCLE.indexOf('SIGNE') && !!m.signedAt
            return (
              <li
                key={s}
                aria-current={s === m.status ? 'step' : undefined}
                className={cx(
                  'rounded-md border-t-4 px-3 py-2 text-sm',
                  reached
                    ? 'border-t-blue-700 bg-blue-50 font-medium text-blue-900 dark:border-t-blue-300 ' +
                        'dark:bg-blue-950 dark:text-blue-100'
                    : 'border-t-slate-300 bg-slate-50 text-slate-600 dark:border-t-slate-700 ' +
                        'dark:bg-slate-800/50 dark:text-slate-400',
                )}
              >
                {labels.mandateStatus[s]}
                {s === 'SIGNE' && m.signedAt ? (
                  <span className="block text-xs font-normal">{formatDateTime(m.signedAt)}</span>
                ) : null}
              </li>
            )
          })}
        </ol>
        {FINAL.includes(m.status) ? (
          <p className="text-sm font-medium text-red-800 dark:text-red-300">{labels.mandateStatus[m.status]}</p>
        ) : null}
        {can('mandates:update') && m.allowedTransitions.length ? (
          <div className="flex flex-wrap gap-2">
            {m.allowedTransitions.map((s) => (
              <button
                key={s}
                type="button"
                disabled={moving}
                data-testid={`mandate-to-${s}`}
                onClick={() => setConfirm(s)}
                className={s === 'SIGNE' || s === 'ACTIF' ? btn.primary : s === 'RESILIE' ? btn.danger : btn.secondary}
              >
                {t(TRANSITION_LABEL[s])}
              </button>
            ))}
          </div>
        ) : null}
      </section>

      {canEdit ? (
        <RecordForm formRef={formRef} onSubmit={onSubmit} testId="mandate-form">
          <h2 className={cx(h2, 'sm:col-span-2')}>{t('mandate.details')}</h2>
          <FormAlert>{data && 'detail' in data ? data.detail : undefined}</FormAlert>
          <MandateFields field={field} products={products} mandate={m} />
          <FormActions busy={busy} label={t('common.save')} />
        </RecordForm>
      ) : (
        <dl className={cx(card, 'grid gap-3 p-4 sm:grid-cols-2')}>
          <div>
            <dt className={cx(muted, 'text-xs uppercase')}>{t('mandate.field.amount')}</dt>
            <dd>{formatMoney(m.amount)}</dd>
          </div>
          <div>
            <dt className={cx(muted, 'text-xs uppercase')}>{t('mandate.field.period')}</dt>
            <dd>
              {formatDate(m.startDate)} → {formatDate(m.endDate)}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className={cx(muted, 'text-xs uppercase')}>{t('mandate.field.products')}</dt>
            <dd>{m.products.map((p) => `${p.name} (${p.isin})`).join(', ') || t('mandate.noProducts')}</dd>
          </div>
        </dl>
      )}

      {history.length ? (
        <details className="space-y-2">
          <summary className={cx(h2, 'inline-flex min-h-11 cursor-pointer items-center')}>
            {t('org.tab.history')}
          </summary>
          <HistoryList entries={history} entity="mandate" />
        </details>
      ) : null}
      <ConfirmDialog
        open={!!confirm && confirm !== 'delete'}
        onClose={() => setConfirm(null)}
        busy={moving}
        tone={confirm === 'RESILIE' ? 'danger' : 'primary'}
        title={confirm && confirm !== 'delete' ? t(TRANSITION_LABEL[confirm]) : ''}
        body={
          confirm === 'SIGNE'
            ? t('mandate.sign.body', { number: m.number, org: m.organisationName ?? t('mandate.organisationHidden') })
            : t('mandate.status.body', { status: confirm && confirm !== 'delete' ? labels.mandateStatus[confirm] : '' })
        }
        confirmLabel={confirm && confirm !== 'delete' ? t(TRANSITION_LABEL[confirm]) : ''}
        onConfirm={() => fetcher.submit({ intent: 'status', status: confirm as string }, { method: 'post' })}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onClose={() => setConfirm(null)}
        busy={moving}
        title={t('mandate.delete.title')}
        body={t('mandate.delete.body', { number: m.number })}
        confirmLabel={t('common.delete')}
        onConfirm={() => fetcher.submit({ intent: 'delete' }, { method: 'post' })}
      />
    </div>
  )
}
