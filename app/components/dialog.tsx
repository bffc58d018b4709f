// The one modal dialog of the app: native <dialog> (top layer, inert background) plus a Tab
// wrap so focus never leaves it, Esc and backdrop click to close, and focus restored to the
// control that opened it. On phones it opens as a bottom sheet.
import { useEffect, useId, useRef } from 'react'
import { t } from '../i18n/fr'
import { btn, cx } from './ui'
import { Icon } from './icon'

type Props = {
  open: boolean
  onClose: () => void
  title: string
  description?: string
  children: React.ReactNode
  footer?: React.ReactNode
  size?: 'sm' | 'md' | 'lg'
  testId?: string
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function Dialog({ open, onClose, title, description, children, footer, size = 'md', testId }: Props) {
  if (!open) return null
  return <OpenDialog {...{ onClose, title, description, footer, size, testId }}>{children}</OpenDialog>
}

// showModal() on mount, Tab kept inside, Esc (cancel) and unmount close it, focus goes back to
// the control that opened it.
export function useModal(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  useEffect(() => {
    const dialog = ref.current!
    const opener = document.activeElement as HTMLElement | null
    if (!dialog.open) dialog.showModal()
    // Focus the first field rather than the close button, unless a child asked for autofocus.
    const first =
      dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
      dialog.querySelector('[data-dialog-body]')?.querySelector<HTMLElement>(FOCUSABLE)
    first?.focus()
    const onCancel = (e: Event) => {
      e.preventDefault()
      close.current()
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (el) => el.offsetParent !== null || el === document.activeElement,
      )
      if (items.length === 0) return
      const firstEl = items[0]!,
        lastEl = items[items.length - 1]!
      if (e.shiftKey && document.activeElement === firstEl) {
        e.preventDefault()
        lastEl.focus()
      } else if (!e.shiftKey && document.activeElement === lastEl) {
        e.preventDefault()
        firstEl.focus()
      }
    }
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('keydown', onKey)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('keydown', onKey)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return ref
}

function OpenDialog({ onClose, title, description, children, footer, size, testId }: Omit<Props, 'open'>) {
  const ref = useModal(onClose)
  const id = useId()
  return (
    /* biome-ignore lint/a11y/useKeyWithClickEvents: backdrop click to close; Escape is handled by the dialog's
       cancel/keydown listeners in useModal */
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-desc` : undefined}
      data-testid={testId}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
      className={cx(
        'm-0 mt-auto max-h-[90dvh] w-full max-w-none overflow-hidden rounded-t-2xl bg-white p-0 ' +
          'text-slate-900 shadow-2xl backdrop:bg-slate-950/60',
        'sm:m-auto sm:rounded-xl dark:bg-slate-900 dark:text-slate-100',
        size === 'sm' ? 'sm:max-w-md' : size === 'lg' ? 'sm:max-w-3xl' : 'sm:max-w-xl',
      )}
    >
      <div className="flex max-h-[90dvh] flex-col">
        <div className="flex items-start gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
          <div className="min-w-0 flex-1">
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              {title}
            </h2>
            {description ? (
              <p id={`${id}-desc`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {description}
              </p>
            ) : null}
          </div>
          <button type="button" onClick={onClose} className={btn.icon} aria-label={t('common.close')}>
            <Icon path="M6 6l12 12M18 6 6 18" />
          </button>
        </div>
        <div data-dialog-body className="overflow-y-auto px-4 py-4">
          {children}
        </div>
        {footer ? (
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-700">
            {footer}
          </div>
        ) : null}
      </div>
    </dialog>
  )
}

// "Are you sure?" for destructive or bulk actions.
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  body,
  confirmLabel,
  tone = 'danger',
  busy = false,
}: {
  open: boolean
  onClose: () => void
  onConfirm: () => void
  title: string
  body: React.ReactNode
  confirmLabel: string
  tone?: 'danger' | 'primary'
  busy?: boolean
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      testId="confirm-dialog"
      footer={
        <>
          {/* A destructive action starts on "Annuler", so Enter never deletes by accident. */}
          <button
            type="button"
            className={btn.secondary}
            onClick={onClose}
            data-autofocus={tone === 'danger' ? true : undefined}
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={tone === 'danger' ? btn.danger : btn.primary}
            onClick={onConfirm}
            disabled={busy}
            data-autofocus={tone === 'danger' ? undefined : true}
            data-testid="confirm-button"
          >
            {busy ? t('common.loading') : confirmLabel}
          </button>
        </>
      }
    >
      <div className="text-sm text-slate-700 dark:text-slate-300">{body}</div>
    </Dialog>
  )
}

// The navigation drawer on phones: a modal panel from the left, same focus rules as dialogs.
export function Drawer({
  open,
  onClose,
  label,
  children,
}: {
  open: boolean
  onClose: () => void
  label: string
  children: React.ReactNode
}) {
  if (!open) return null
  return (
    <OpenDrawer onClose={onClose} label={label}>
      {children}
    </OpenDrawer>
  )
}

function OpenDrawer({ onClose, label, children }: { onClose: () => void; label: string; children: React.ReactNode }) {
  const ref = useModal(onClose)
  // The drawer exists on phones only: growing the window past the breakpoint closes it.
  useEffect(() => {
    const wide = matchMedia('(min-width: 768px)')
    const onChange = () => {
      if (wide.matches) onClose()
    }
    wide.addEventListener('change', onChange)
    return () => wide.removeEventListener('change', onChange)
  }, [onClose])
  return (
    /* biome-ignore lint/a11y/useKeyWithClickEvents: backdrop click to close; Escape is handled by the dialog's
       cancel/keydown listeners in useModal */
    <dialog
      ref={ref}
      aria-label={label}
      data-testid="nav-drawer"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose()
      }}
      className={
        'm-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 ' +
        'md:hidden dark:bg-slate-900 dark:text-slate-100'
      }
    >
      <div data-dialog-body className="h-full overflow-y-auto">
        {children}
      </div>
    </dialog>
  )
}
