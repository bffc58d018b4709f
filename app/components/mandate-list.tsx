import { Link } from 'react-router'
import type { MandateStatus } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { formatDate, formatMoney } from '../lib/format'
import type { MandateDto } from '../lib/types'
import { listCard, listRow } from './list-page'
import { badge, cx, link, muted } from './ui'

export const MANDATE_BADGE: Record<MandateStatus, string> = {
  BROUILLON: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  EN_NEGOCIATION: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  SIGNE: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  ACTIF: 'bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100',
  RESILIE: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
  EXPIRE: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
}

export function MandateStatusBadge({ status }: { status: MandateStatus }) {
  return (
    <span className={cx(badge, MANDATE_BADGE[status])} data-testid="mandate-status">
      {labels.mandateStatus[status]}
    </span>
  )
}

export function MandateList({
  mandates,
  showOrganisation = true,
}: {
  mandates: MandateDto[]
  showOrganisation?: boolean
}) {
  return (
    <ul className={listCard} data-testid="mandate-list">
      {mandates.map((m) => (
        <li key={m.id} className={listRow}>
          <Link to={`/mandates/${m.id}`} className={cx(link, 'min-h-11 content-center font-mono font-medium')}>
            {m.number}
          </Link>
          <MandateStatusBadge status={m.status} />
          {showOrganisation && m.organisationName === null ? (
            <span className="min-w-0 flex-1 truncate">{t('mandate.organisationHidden')}</span>
          ) : showOrganisation ? (
            <Link to={`/organisations/${m.organisationId}`} className={cx(link, 'min-w-0 flex-1 truncate')}>
              {m.organisationName}
            </Link>
          ) : (
            <span className="flex-1" />
          )}
          <span className={cx(muted, 'hidden text-sm md:inline')}>
            {m.products.map((p) => p.name).join(', ') || t('mandate.noProducts')}
          </span>
          <span className={cx(muted, 'text-sm')}>
            {m.signedAt
              ? t('mandate.signedOn', { date: formatDate(m.signedAt) })
              : m.startDate
                ? formatDate(m.startDate)
                : ''}
          </span>
          <span className="w-28 text-right tabular-nums">{formatMoney(m.amount)}</span>
        </li>
      ))}
    </ul>
  )
}
