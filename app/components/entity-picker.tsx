// Picks an organisation, a person or a product by typing part of its name (WAI-ARIA combobox
// with a list box). The chosen id travels in a hidden input named `name`.
import { useEffect, useId, useRef, useState } from 'react'
import { t } from '../i18n/fr'
import { api } from '../lib/api-client'
import { inputClass } from './field'
import { cx } from './ui'

type Kind = 'organisations' | 'people' | 'products'
type Option = { id: string; label: string; hint?: string }

function toOption(kind: Kind, row: Record<string, unknown>): Option {
  if (kind === 'people')
    return {
      id: String(row.id),
      label: String(row.fullName ?? `${row.firstName} ${row.lastName}`),
      hint: (row.jobTitle as string) ?? undefined,
    }
  if (kind === 'products') return { id: String(row.id), label: String(row.name), hint: String(row.isin) }
  return { id: String(row.id), label: String(row.name), hint: (row.city as string) ?? undefined }
}

export function EntityPicker({
  kind,
  label,
  name,
  error,
  required,
  defaultValue,
  className,
  onChange,
  filter = '',
}: {
  kind: Kind
  label: string
  name: string
  error?: string
  required?: boolean
  maxLength?: number
  defaultValue?: Option | null
  className?: string
  onChange?: (o: Option | null) => void
  filter?: string
}) {
  const id = useId()
  const [query, setQuery] = useState(defaultValue?.label ?? '')
  const [selected, setSelected] = useState<Option | null>(defaultValue ?? null)
  const [options, setOptions] = useState<Option[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [loading, setLoading] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  /* biome-ignore lint/correctness/useExhaustiveDependencies: `selected` is read, not a trigger; choosing an option must
     not refetch on its own */
  useEffect(() => {
    if (!open) return
    const ctrl = new AbortController()
    const timer = setTimeout(async () => {
      setLoading(true)
      const q = selected && query === selected.label ? '' : query.trim()
      const r = await api<{ data: Record<string, unknown>[] }>(
        `/api/v1/${kind}?limit=8${q ? `&q=${encodeURIComponent(q)}` : ''}${filter}`,
        { signal: ctrl.signal },
      ).catch(() => null)
      if (!r) return
      setLoading(false)
      setOptions(r.ok ? r.data.data.map((row) => toOption(kind, row)) : [])
      setActive(0)
    }, 180)
    return () => {
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [query, open, kind, filter]) // eslint-disable-line react-hooks/exhaustive-deps

  const choose = (o: Option) => {
    setSelected(o)
    setQuery(o.label)
    setOpen(false)
    onChange?.(o)
  }
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      if (!open) setOpen(true)
      else setActive((a) => Math.min(a + 1, options.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && open && options[active]) {
      e.preventDefault()
      choose(options[active])
    } else if (e.key === 'Escape' && open) {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    }
  }
  const listId = `${id}-list`
  return (
    <div className={cx('relative', className)}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
        {required ? ' *' : ''}
      </label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        className={inputClass}
        value={query}
        placeholder={t('picker.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
          if (selected) {
            setSelected(null)
            onChange?.(null)
          }
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      <input type="hidden" name={name} value={selected?.id ?? ''} />
      {open ? (
        <ul
          id={listId}
          /* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA combobox pattern, the list is a
             listbox driven from the input */
          role="listbox"
          aria-label={label}
          className={
            'absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white ' +
            'py-1 shadow-lg dark:border-slate-700 dark:bg-slate-800'
          }
        >
          {options.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400" role="presentation">
              {loading ? t('common.loading') : t('picker.none')}
            </li>
          ) : null}
          {options.map((o, i) => (
            /* biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input; options are not tab
               stops */
            <li
              key={o.id}
              id={`${listId}-${i}`}
              /* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA combobox pattern, options are
                 picked via the input (aria-activedescendant) */
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(o)
              }}
              onMouseEnter={() => setActive(i)}
              className={cx(
                'flex min-h-11 cursor-pointer flex-col justify-center px-3 text-sm',
                i === active && 'bg-blue-50 dark:bg-slate-700',
              )}
            >
              <span>{o.label}</span>
              {o.hint ? <span className="text-xs text-slate-600 dark:text-slate-400">{o.hint}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  )
}
