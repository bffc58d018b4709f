// A menu button (WAI-ARIA menu pattern): arrows, Home/End, Esc and Tab close and give focus back.
// The popup is position: fixed next to its button so scrolling containers (kanban columns,
// tables) never clip it.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { btn, cx } from './ui'

export type MenuItem = {
  label: string
  onSelect: () => void
  checked?: boolean
  disabled?: boolean
  tone?: 'danger'
  testId?: string
}

type Props = {
  label: React.ReactNode
  ariaLabel?: string
  items: MenuItem[]
  buttonClassName: string
  align?: 'start' | 'end'
  testId?: string
  disabled?: boolean
  heading?: string
}

export function Menu({ label, ariaLabel, items, buttonClassName, align = 'start', testId, disabled, heading }: Props) {
  const [open, setOpen] = useState(false)
  const [pos, setPos] = useState<{ top: number; left: number; maxHeight: number } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const id = useId()
  const radio = items.some((i) => i.checked !== undefined)

  const close = (focusButton = true) => {
    setOpen(false)
    if (focusButton) button.current?.focus()
  }

  useLayoutEffect(() => {
    if (!open || !button.current || !list.current) return
    const r = button.current.getBoundingClientRect()
    const w = list.current.offsetWidth
    const h = list.current.scrollHeight
    const below = window.innerHeight - r.bottom - 8
    const above = r.top - 8
    const up = below < Math.min(h, 240) && above > below
    const left = Math.min(Math.max(8, align === 'end' ? r.right - w : r.left), window.innerWidth - w - 8)
    setPos({
      top: up ? Math.max(8, r.top - 4 - Math.min(h, above)) : r.bottom + 4,
      left,
      maxHeight: up ? above : below,
    })
    const items = list.current.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')
    const checked = list.current.querySelector<HTMLElement>('[aria-checked="true"]')
    // Without preventScroll, focusing an item not yet placed scrolled the page, and the scroll
    // closed the menu it had just opened (seen under load in the select-all browser test).
    ;(checked ?? items[0])?.focus({ preventScroll: true })
  }, [open, align])

  /* biome-ignore lint/correctness/useExhaustiveDependencies: `close` is recreated every render and only calls
     setOpen/focus; listeners are rebound only when the menu opens or closes */
  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) close(false)
    }
    // A scroll that moved the button leaves the popup behind: close it. One that did not (the
    // scroll that brought the button into view, delivered a frame after the click) changes nothing.
    const at = button.current?.getBoundingClientRect()
    const onScroll = (e: Event) => {
      if (list.current?.contains(e.target as Node)) return
      const now = button.current?.getBoundingClientRect()
      if (!at || !now || Math.abs(now.top - at.top) > 1 || Math.abs(now.left - at.left) > 1) close(false)
    }
    const onResize = () => close(false)
    document.addEventListener('pointerdown', onDown)
    window.addEventListener('scroll', onScroll, true)
    window.addEventListener('resize', onResize)
    return () => {
      document.removeEventListener('pointerdown', onDown)
      window.removeEventListener('scroll', onScroll, true)
      window.removeEventListener('resize', onResize)
    }
  }, [open])

  const onListKey = (e: React.KeyboardEvent) => {
    const all = [
      ...(list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? []),
    ]
    const i = all.indexOf(document.activeElement as HTMLElement)
    const go = (n: number) => {
      e.preventDefault()
      all[(n + all.length) % all.length]?.focus()
    }
    if (e.key === 'ArrowDown') go(i + 1)
    else if (e.key === 'ArrowUp') go(i - 1)
    else if (e.key === 'Home') go(0)
    else if (e.key === 'End') go(all.length - 1)
    else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      close()
    } else if (e.key === 'Tab') close(false)
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        disabled={disabled}
        onClick={(e) => {
          e.stopPropagation()
          e.preventDefault()
          setOpen((o) => !o)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        {label}
      </button>
      {open ? (
        <div
          ref={list}
          id={id}
          role="menu"
          aria-label={heading ?? ariaLabel}
          onKeyDown={onListKey}
          data-testid={testId ? `${testId}-menu` : undefined}
          style={
            pos ? { top: pos.top, left: pos.left, maxHeight: pos.maxHeight } : { top: 0, left: 0, visibility: 'hidden' }
          }
          className={
            'fixed z-50 min-w-48 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-xl ' +
            'dark:border-slate-700 dark:bg-slate-800'
          }
        >
          {heading ? (
            <div
              className="px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400"
              aria-hidden="true"
            >
              {heading}
            </div>
          ) : null}
          {items.map((item) => (
            /* biome-ignore lint/a11y/useAriaPropsSupportedByRole: role is menuitemradio whenever aria-checked is set;
               it is undefined for plain menuitems */
            <button
              key={item.label}
              type="button"
              role={radio ? 'menuitemradio' : 'menuitem'}
              aria-checked={radio ? !!item.checked : undefined}
              aria-disabled={item.disabled || undefined}
              tabIndex={-1}
              data-testid={item.testId}
              onClick={(e) => {
                e.stopPropagation()
                if (item.disabled) return
                close()
                item.onSelect()
              }}
              className={cx(
                'flex min-h-11 w-full items-center gap-2 px-3 text-left text-sm focus:bg-slate-100 ' +
                  'focus:outline-none dark:focus:bg-slate-700',
                item.disabled
                  ? 'cursor-not-allowed text-slate-500 dark:text-slate-400'
                  : 'hover:bg-slate-100 dark:hover:bg-slate-700',
                item.tone === 'danger' ? 'text-red-700 dark:text-red-300' : '',
              )}
            >
              {radio ? (
                <span aria-hidden="true" className="w-4 text-blue-700 dark:text-blue-300">
                  {item.checked ? '✓' : ''}
                </span>
              ) : null}
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </>
  )
}

// The "⋮" button that opens a row's or a page's further actions, at the end of its line.
export function MoreMenu(props: Omit<Props, 'label' | 'buttonClassName' | 'align'>) {
  return (
    <Menu
      {...props}
      buttonClassName={btn.icon}
      align="end"
      label={
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="currentColor">
          <circle cx="12" cy="5" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="12" cy="19" r="2" />
        </svg>
      }
    />
  )
}
