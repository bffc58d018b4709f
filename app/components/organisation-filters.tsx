// Filters of the organisation list (type, category, stage, city, owner, active, no contact for N
// days, stale) and its sort. Selects apply at once; the text fields on Enter or "Filtrer".
import { useEffect, useRef } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { SORTS } from '../../worker/organisations/organisation-sorts'
import { labels, t, type MessageKey } from '../i18n/fr'
import { AddressForm, FilterInput, FilterSelect } from './list-page'
import { btn } from './ui'
import { Icon } from './icon'

const NO_CONTACT_DAYS = [14, 30, 60, 90, 180]
// The filters on how an organisation is classified ("Toutes" agrees with a feminine noun).
const CLASSIFICATIONS = [
  { name: 'type', label: 'org.field.type', options: labels.type, all: 'common.all' },
  { name: 'category', label: 'org.field.category', options: labels.category, all: 'common.allF' },
  { name: 'stage', label: 'org.field.pipelineStage', options: labels.stage, all: 'common.allF' },
] as const
export const FILTER_KEYS = [
  'q',
  'type',
  'category',
  'stage',
  'city',
  'ownerId',
  'active',
  'noContactDays',
  'stale',
] as const

export function OrganisationFilters({ owners, meId }: { owners: { id: string; name: string }[]; meId: string }) {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  // Empty fields stay out of the address, so links to a filtered list stay short and readable.
  // The form is rebuilt from the address after each change; focus returns to the field used.
  const form = useRef<HTMLFormElement>(null)
  const refocus = useRef<string | null>(null)
  /* biome-ignore lint/correctness/useExhaustiveDependencies: `params` is the trigger, focus is restored after the form
     is rebuilt from the new address */
  useEffect(() => {
    if (!refocus.current) return
    ;(form.current?.elements.namedItem(refocus.current) as HTMLElement | null)?.focus()
    refocus.current = null
  }, [params])
  const apply = (form: HTMLFormElement) => {
    refocus.current = (document.activeElement as HTMLInputElement | null)?.name || null
    const next = new URLSearchParams()
    for (const [k, v] of new FormData(form))
      if (typeof v === 'string' && v.trim() && !(k === 'sort' && v === 'name')) next.set(k, v.trim())
    navigate(next.size ? `?${next}` : '?', { preventScrollReset: true })
  }
  const get = (k: string) => params.get(k) ?? ''
  const active = FILTER_KEYS.filter((k) => params.get(k))
  const ownerOptions: [string, string][] = owners.length
    ? owners.map((u) => [u.id, u.id === meId ? `${u.name} (${t('common.me')})` : u.name])
    : [[meId, t('common.me')]]
  return (
    <AddressForm
      ref={form}
      action="/organisations"
      label={t('org.filters')}
      testId="organisation-filters"
      onSubmit={(e) => {
        e.preventDefault()
        apply(e.currentTarget)
      }}
      onChange={(e) => {
        const el = e.target
        if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && el.type === 'checkbox')) {
          apply(e.currentTarget)
        }
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <FilterInput
          label={t('common.search')}
          className="min-w-48 flex-1"
          type="search"
          name="q"
          defaultValue={get('q')}
          placeholder={t('org.filters.qPlaceholder')}
        />
        <FilterSelect
          label={t('org.sort')}
          className="w-44"
          name="sort"
          defaultValue={get('sort') || 'name'}
          options={SORTS.map((s) => [s, t(`org.sort.${s}` as MessageKey)])}
        />
        <button type="submit" className={btn.secondary}>
          {t('common.filter')}
        </button>
      </div>
      <details className="group mt-2" open={active.some((k) => k !== 'q') || undefined}>
        <summary
          className={
            'inline-flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium text-blue-700 ' +
            'dark:text-blue-300'
          }
        >
          <Icon path="M3 5h18l-7 8v6l-4 2v-8z" className="h-4 w-4" />
          {t('org.filters.more')}
          {active.length ? ` (${active.length})` : ''}
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-8">
          {CLASSIFICATIONS.map((c) => (
            <FilterSelect
              key={c.name}
              name={c.name}
              label={t(c.label)}
              defaultValue={get(c.name)}
              options={Object.entries(c.options)}
              all={t(c.all)}
            />
          ))}
          <FilterInput label={t('org.field.city')} name="city" defaultValue={get('city')} />
          <FilterSelect
            name="ownerId"
            label={t('org.field.owner')}
            defaultValue={get('ownerId')}
            options={ownerOptions}
            all={t('common.all')}
          />
          <FilterSelect
            name="active"
            label={t('org.filters.active')}
            defaultValue={get('active')}
            options={[
              ['true', t('org.filters.activeOnly')],
              ['false', t('org.filters.inactiveOnly')],
            ]}
            all={t('common.allF')}
          />
          <FilterSelect
            name="noContactDays"
            label={t('org.filters.noContact')}
            defaultValue={get('noContactDays')}
            all={t('common.indifferent')}
            options={NO_CONTACT_DAYS.map((d) => [String(d), t('org.filters.noContactDays', { days: d })])}
          />
          <label className="flex min-h-11 items-end gap-2 pb-2 text-sm font-medium text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              name="stale"
              value="true"
              defaultChecked={get('stale') === 'true'}
              className="h-5 w-5 accent-blue-700"
            />
            {t('org.filters.stale')}
          </label>
        </div>
        {active.length ? (
          <Link
            to="?"
            className="mt-2 inline-flex min-h-11 items-center text-sm text-blue-700 underline dark:text-blue-300"
            data-testid="clear-filters"
          >
            {t('org.filters.clear')}
          </Link>
        ) : null}
      </details>
    </AddressForm>
  )
}
