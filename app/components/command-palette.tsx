// The command palette (Ctrl/Cmd+K or "/"): search every record as you type, go to a page,
// reopen a recent search. A native modal <dialog> (top layer, page behind inert), focus kept
// inside, Esc closes; an ARIA combobox so arrows, Enter and screen readers work the same way.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import type { SearchHit, SearchResult, SearchType } from '../../worker/search/search.schema'
import { fold } from '../../worker/search/search-text'
import { t, type MessageKey } from '../i18n/fr'
import { cx } from './ui'
import { Icon } from './icon'
import { useModal } from './dialog'
import type { HelpHit } from '../help/search-index'

const RECENT_KEY = 'crm.recent-searches'
const RECENT_MAX = 6
const DEBOUNCE_MS = 120
const PER_GROUP = 4

export const TYPE_ICON: Record<SearchType | 'page' | 'recent' | 'all' | 'help', string> = {
  organisations: 'M3 21h18M5 21V7l7-4 7 4v14M9 9h1m4 0h1M9 13h1m4 0h1M9 17h1m4 0h1',
  people: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M4 21v-1a8 8 0 0 1 16 0v1',
  mandates: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h4',
  products: 'M21 8l-9-5-9 5 9 5 9-5zM3 8v8l9 5 9-5V8M12 13v8',
  interactions: 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z',
  page: 'M5 12h14M13 6l6 6-6 6',
  recent: 'M12 7v5l3 2M21 12a9 9 0 1 1-9-9 9 9 0 0 1 9 9z',
  all: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  help: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01',
}

const PAGES: { href: string; label: MessageKey; perm?: string }[] = [
  { href: '/', label: 'nav.dashboard' },
  { href: '/organisations', label: 'nav.organisations' },
  { href: '/organisations/new', label: 'org.new', perm: 'organisations:create' },
  { href: '/pipeline', label: 'nav.pipeline' },
  { href: '/people', label: 'nav.people' },
  { href: '/mandates', label: 'nav.mandates' },
  { href: '/products', label: 'nav.products' },
  { href: '/tasks', label: 'nav.tasks' },
  { href: '/search', label: 'search.page.title' },
  { href: '/aide', label: 'nav.help' },
  { href: '/aide/raccourcis', label: 'help.shortcuts' },
]

type Item =
  | { kind: 'page'; key: string; label: string; href: string }
  | { kind: 'recent'; key: string; label: string }
  | { kind: 'hit'; key: string; hit: SearchHit }
  | { kind: 'all'; key: string; q: string }
  | { kind: 'help'; key: string; label: string; href: string }
type Section = { title: string; count?: string; items: Item[] }

// Text with the matched parts in <mark>: ranges come from the API, never HTML.
export function Highlight({ value, ranges }: { value: string; ranges: [number, number][] }) {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start < at) continue
    if (start > at) parts.push(value.slice(at, start))
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-400/80">
        {value.slice(start, end)}
      </mark>,
    )
    at = end
  }
  parts.push(value.slice(at))
  return <>{parts}</>
}

// The title (highlighted if the name matched) and, when something else matched, that field.
export function HitText({ hit }: { hit: SearchHit }) {
  const name = hit.matches.find((m) => m.field === 'name')
  const other = hit.matches.find((m) => m.field !== 'name')
  return (
    <span className="flex min-w-0 flex-col">
      <span className="truncate font-medium">
        {name ? <Highlight value={name.value} ranges={name.ranges} /> : hit.title}
      </span>
      {hit.subtitle ? (
        <span className="truncate text-xs text-slate-600 dark:text-slate-400">{hit.subtitle}</span>
      ) : null}
      {other ? (
        <span className="truncate text-xs text-slate-600 dark:text-slate-400">
          {t(`search.field.${other.field}` as MessageKey)} : <Highlight value={other.value} ranges={other.ranges} />
        </span>
      ) : null}
    </span>
  )
}

export const countLabel = (g: { total: number; totalCapped: boolean }) =>
  g.totalCapped ? t('search.atLeast', { n: g.total }) : String(g.total)

export function readRecent(): string[] {
  try {
    return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[]
  } catch {
    return []
  }
}
export function rememberSearch(q: string) {
  const text = q.trim()
  if (text.length < 2) return
  const next = [text, ...readRecent().filter((r) => fold(r) !== fold(text))].slice(0, RECENT_MAX)
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next))
  } catch {}
}

export const typingInField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))

export function CommandPalette({ permissions }: { permissions: string[] }) {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setOpen((o) => !o)
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInField(e.target)) {
        e.preventDefault()
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="search-button"
        aria-keyshortcuts="Control+K Meta+K /"
        aria-label={t('search.open')}
        title={t('search.open')}
        className={
          'inline-flex h-11 min-w-11 items-center justify-center gap-2 rounded-md border-slate-300 ' +
          'text-slate-700 hover:bg-slate-100 md:w-72 md:justify-start md:border md:px-3 dark:border-slate-700 ' +
          'dark:text-slate-200 dark:hover:bg-slate-800'
        }
      >
        <Icon path={TYPE_ICON.all} />
        <span className="hidden flex-1 text-left text-sm text-slate-600 md:inline dark:text-slate-400">
          {t('search.open')}…
        </span>
        <kbd
          className={
            'hidden rounded border border-slate-300 px-1.5 text-xs text-slate-600 md:inline ' +
            'dark:border-slate-600 dark:text-slate-400'
          }
        >
          {t('search.shortcut')}
        </kbd>
      </button>
      {open ? <PaletteDialog permissions={permissions} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

function useSearch(q: string) {
  const [state, setState] = useState<{ q: string; result: SearchResult | null; error: boolean; loading: boolean }>({
    q: '',
    result: null,
    error: false,
    loading: false,
  })
  useEffect(() => {
    const text = q.trim()
    if (fold(text).replace(/[^\p{L}\p{N}]/gu, '').length < 2) {
      setState({ q: text, result: null, error: false, loading: false })
      return
    }
    const ctl = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/search?${new URLSearchParams({ q: text, limit: String(PER_GROUP) })}`, {
          signal: ctl.signal,
          headers: { accept: 'application/json' },
        })
        if (!res.ok) throw new Error(String(res.status))
        setState({ q: text, result: (await res.json()) as SearchResult, error: false, loading: false })
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setState({ q: text, result: null, error: true, loading: false })
      }
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [q])
  return state
}

// Help topics matching the query; the help index is fetched on first use, not with the page.
function useHelpSearch(q: string) {
  const [hits, setHits] = useState<HelpHit[]>([])
  useEffect(() => {
    let live = true
    if (fold(q).replace(/[^\p{L}\p{N}]/gu, '').length < 2) setHits([])
    else
      import('../help/search-index').then(
        (m) => live && setHits(m.searchHelp(q)),
        () => live && setHits([]),
      )
    return () => {
      live = false
    }
  }, [q])
  return hits
}

function PaletteDialog({ permissions, onClose }: { permissions: string[]; onClose: () => void }) {
  const ref = useModal(onClose)
  const input = useRef<HTMLInputElement>(null)
  const navigate = useNavigate()
  const id = useId()
  const [q, setQ] = useState('')
  const [active, setActive] = useState(0)
  const [recent, setRecent] = useState<string[]>([])
  const search = useSearch(q)
  const help = useHelpSearch(q.trim())

  // Modal behaviour (top layer, Tab kept inside, Esc, focus given back) shared with every dialog.
  useEffect(() => {
    setRecent(readRecent())
  }, [])

  const sections = useMemo<Section[]>(() => {
    const text = q.trim()
    const pages = PAGES.filter((p) => !p.perm || permissions.includes(p.perm)).map((p) => ({
      kind: 'page' as const,
      key: `page:${p.href}`,
      label: t(p.label),
      href: p.href,
    }))
    if (!text) {
      const out: Section[] = []
      if (recent.length)
        out.push({
          title: t('search.recent'),
          items: recent.map((r) => ({ kind: 'recent' as const, key: `recent:${r}`, label: r })),
        })
      out.push({ title: t('search.pages'), items: pages })
      return out
    }
    const out: Section[] = []
    const matchingPages = pages.filter((p) => fold(p.label).includes(fold(text)))
    if (matchingPages.length) out.push({ title: t('search.pages'), items: matchingPages })
    for (const g of search.result?.groups ?? []) {
      if (g.items.length === 0) continue
      out.push({
        title: t(`search.type.${g.type}` as MessageKey),
        count: countLabel(g),
        items: g.items.map((hit) => ({ kind: 'hit' as const, key: `${hit.type}:${hit.id}`, hit })),
      })
    }
    if (help.length)
      out.push({
        title: t('search.help'),
        items: help.map((h) => ({ kind: 'help' as const, key: h.key, label: h.title, href: h.href })),
      })
    if (search.result) out.push({ title: '', items: [{ kind: 'all', key: 'all', q: text }] })
    return out
  }, [q, recent, permissions, search.result, help])
  const items = sections.flatMap((s) => s.items)
  /* biome-ignore lint/correctness/useExhaustiveDependencies: deliberate trigger deps, the highlight goes back to the
     first option whenever the query or the results change */
  useEffect(() => setActive(0), [search.result, q])

  const choose = (item: Item | undefined) => {
    if (!item) return
    if (item.kind === 'recent') {
      setQ(item.label)
      input.current?.focus()
      return
    }
    const href =
      item.kind === 'page' || item.kind === 'help'
        ? item.href
        : item.kind === 'all'
          ? `/search?${new URLSearchParams({ q: item.q })}`
          : item.hit.href
    if (!href) return
    if (item.kind !== 'page' && item.kind !== 'help') rememberSearch(q)
    onClose()
    navigate(href)
  }
  const onInputKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (items.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      choose(items[active])
    }
  }
  useEffect(() => {
    document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: 'nearest' })
  }, [active, id])

  const totalHits = search.result?.groups.reduce((n, g) => n + g.total, 0) ?? 0
  const status = search.loading
    ? t('search.loading')
    : search.error
      ? t('search.error')
      : search.result
        ? totalHits
          ? t('search.results', { n: totalHits })
          : t('search.empty', { q: search.q })
        : ''
  let index = -1
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: backdrop click to close; Escape is handled natively by <dialog>
    <dialog
      ref={ref}
      aria-label={t('search.label')}
      data-testid="command-palette"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
      className={
        'm-0 h-dvh max-h-none w-full max-w-none bg-white p-0 text-slate-900 shadow-2xl ' +
        'backdrop:bg-slate-950/60 sm:mx-auto sm:mt-[10vh] sm:h-auto sm:max-h-[75vh] sm:max-w-2xl sm:rounded-xl ' +
        'dark:bg-slate-900 dark:text-slate-100'
      }
    >
      <div className="flex h-full max-h-[inherit] flex-col">
        <div
          className={
            'flex items-center gap-2 border-b border-slate-200 px-3 focus-within:outline-2 ' +
            'focus-within:-outline-offset-2 focus-within:outline-blue-700 dark:border-slate-700'
          }
        >
          <Icon path={TYPE_ICON.all} className="h-5 w-5 text-slate-500" />
          <input
            ref={input}
            data-autofocus
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onInputKey}
            data-testid="palette-input"
            role="combobox"
            aria-expanded={items.length > 0}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={items.length ? `${id}-opt-${active}` : undefined}
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="go"
            className={
              'min-h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-slate-500 ' +
              'dark:placeholder:text-slate-400'
            }
          />
          <button
            type="button"
            onClick={onClose}
            className={
              'min-h-11 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 ' +
              'focus-visible:outline-blue-700 dark:text-slate-200 dark:hover:bg-slate-800'
            }
          >
            {t('common.close')}
          </button>
        </div>
        <p className="sr-only" aria-live="polite" data-testid="palette-status">
          {status}
        </p>
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label={t('search.label')}
          className="min-h-0 flex-1 overflow-y-auto p-2"
          data-testid="palette-results"
        >
          {sections.map((s, si) => (
            // biome-ignore lint/a11y/useSemanticElements: a fieldset (own border/padding) is not allowed in a listbox
            // biome-ignore lint/suspicious/noArrayIndexKey: sections come in a fixed order; titles can be empty
            <div key={si} role="group" aria-label={s.title || t('search.seeAllGroup')} className="mb-2">
              {s.title ? (
                <div
                  className={
                    'flex items-center justify-between px-2 py-1 text-xs font-semibold uppercase tracking-wide ' +
                    'text-slate-600 dark:text-slate-400'
                  }
                  aria-hidden="true"
                >
                  <span>{s.title}</span>
                  {s.count ? <span>{s.count}</span> : null}
                </div>
              ) : null}
              {s.items.map((item) => {
                index++
                const i = index
                const icon = item.kind === 'hit' ? TYPE_ICON[item.hit.type] : TYPE_ICON[item.kind]
                return (
                  // Keyboard selection goes through the combobox input (arrows + Enter, aria-activedescendant);
                  // options stay unfocusable on purpose.
                  // biome-ignore lint/a11y/useKeyWithClickEvents: keys go to the combobox input (see above)
                  // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input, not on options
                  <div
                    key={item.key}
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    data-testid="palette-option"
                    data-kind={item.kind}
                    onMouseMove={() => setActive(i)}
                    onClick={() => choose(item)}
                    className={cx(
                      'flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-2 py-1.5 text-sm ' +
                        'text-slate-800 dark:text-slate-100',
                      i === active && 'bg-blue-50 outline-2 outline-blue-700 dark:bg-blue-950',
                    )}
                  >
                    <Icon path={icon} />
                    {item.kind === 'hit' ? (
                      <HitText hit={item.hit} />
                    ) : item.kind === 'all' ? (
                      <span className="font-medium">{t('search.seeAll', { q: item.q })}</span>
                    ) : (
                      <span className="truncate">{item.label}</span>
                    )}
                  </div>
                )
              })}
            </div>
          ))}
          {status && !search.loading && search.result && totalHits === 0 ? (
            <p className="px-2 py-3 text-sm text-slate-600 dark:text-slate-400">{status}</p>
          ) : null}
          {search.error ? (
            <p role="alert" className="px-2 py-3 text-sm text-red-700 dark:text-red-300">
              {t('search.error')}
            </p>
          ) : null}
        </div>
        <p
          className={
            'hidden border-t border-slate-200 px-3 py-2 text-xs text-slate-600 sm:block dark:border-slate-700 ' +
            'dark:text-slate-400'
          }
        >
          {t('search.hint')}
        </p>
      </div>
    </dialog>
  )
}
