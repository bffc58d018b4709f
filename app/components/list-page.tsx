// The parts of a list page: the filter bar (a GET form, so a filtered list can be bookmarked), its
// labelled inputs and selects, and the results with their empty state and "Afficher plus".
import { Form } from 'react-router'
import { t } from '../i18n/fr'
import { inputClass } from './field'
import { LoadMore } from './load-more'
import { Pending } from './page'
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
