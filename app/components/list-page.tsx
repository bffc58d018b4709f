// A list page (mandates, people, products) and its parts: the filter bar (a GET form, so a filtered list can be
// bookmarked), its
// labelled inputs and selects, and the results with their empty state and "Afficher plus".
import { Form, useSearchParams } from 'react-router'
import { t } from '../i18n/fr'
import { inputClass } from './field'
import { LoadMore } from './load-more'
import { PageHeader, Pending } from './page'
import { btn, card, cx } from './ui'

const filterLabel = 'flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300'
export const listCard = cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')
export const listRow = 'flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3'

// `className` sizes the label in its row (min-w-0 in a grid, flex-1 for the main search).
export function FilterInput({
  label,
  className = 'min-w-0',
  ...input
}: { label: string; className?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={cx('flex', className, filterLabel)}>
      {label}
      <input {...input} className={cx(inputClass, 'text-sm')} />
    </label>
  )
}

// `all` adds the empty choice first; `submitOnChange` applies the choice at once.
export function FilterSelect({
  label,
  options,
  all,
  className = 'min-w-0',
  submitOnChange,
  ...select
}: {
  label: string
  options: [string, string][]
  all?: string
  className?: string
  submitOnChange?: boolean
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className={cx('flex', className, filterLabel)}>
      {label}
      <select
        {...select}
        className={cx(inputClass, 'text-sm')}
        onChange={submitOnChange ? (e) => e.currentTarget.form?.requestSubmit() : select.onChange}
      >
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  )
}

// A search form whose fields show the address: rebuilt from it after each navigation, so they
// never disagree with the results below.
export function AddressForm({
  label,
  testId,
  ...form
}: { label: string; testId: string } & Omit<React.ComponentProps<typeof Form>, 'method' | 'role'>) {
  const [params] = useSearchParams()
  return <Form {...form} method="get" role="search" aria-label={label} key={params.toString()} data-testid={testId} />
}

export function FilterBar({ action, children }: { action: string; children: React.ReactNode }) {
  return (
    <Form method="get" action={action} role="search" className="flex flex-wrap items-end gap-2">
      {children}
      <button type="submit" className={btn.secondary}>
        {t('common.filter')}
      </button>
    </Form>
  )
}

type More<T> = { items: T[] } & React.ComponentProps<typeof LoadMore>['more']

// The list itself, or the empty state when nothing matches; dimmed while the next filter loads.
export function ListResults<T>({
  more,
  empty,
  children,
}: {
  more: More<T>
  empty: React.ReactNode
  children: (items: T[]) => React.ReactNode
}) {
  return (
    <>
      <Pending>{more.items.length === 0 ? empty : children(more.items)}</Pending>
      <LoadMore more={more} />
    </>
  )
}

type SelectFilter = {
  name: string
  label: string
  className?: string
  options: [string, string][]
  all?: string
  // The choice shown when the address names none.
  fallback?: string
}

// Header, a search box (`q`) with one select applied at once, then the results.
export function ListPage<T>({
  title,
  actions,
  action,
  search,
  select: { fallback = '', ...select },
  more,
  empty,
  children,
  dialogs,
}: {
  title: string
  actions?: React.ReactNode
  action: string
  // `className` sizes the search box (default: the rest of the row, at least 12rem).
  search: { label: string; placeholder: string; className?: string }
  select: SelectFilter
  more: More<T>
  empty: React.ReactNode
  children: (items: T[]) => React.ReactNode
  dialogs?: React.ReactNode
}) {
  const [params] = useSearchParams()
  return (
    <div className="space-y-4">
      <PageHeader title={title} actions={actions} />
      <FilterBar action={action}>
        <FilterInput
          className="min-w-48 flex-1"
          {...search}
          type="search"
          name="q"
          defaultValue={params.get('q') ?? ''}
        />
        <FilterSelect className="w-44" {...select} defaultValue={params.get(select.name) ?? fallback} submitOnChange />
      </FilterBar>
      <ListResults more={more} empty={empty}>
        {children}
      </ListResults>
      {dialogs}
    </div>
  )
}
