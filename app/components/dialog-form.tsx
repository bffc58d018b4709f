// A form in a dialog, posted by a fetcher to the current route's action (no navigation):
// schema checks before sending, the API's errors next to their fields, a toast, and the dialog
// closes once the action answers { ok: true }. Ctrl+S submits it.
import { useId } from 'react'
import { useFetcher } from 'react-router'
import type { z } from 'zod'
import { t } from '../i18n/fr'
import { useSchemaForm } from '../lib/forms'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { Dialog } from './dialog'
import { FormAlert } from './field'
import { btn } from './ui'

export type ActionAnswer = { ok?: boolean; message?: string; error?: string; errors?: Record<string, string> }
type FieldProps = (name: string) => { name: string; error?: string; required?: boolean; maxLength?: number }

export function DialogForm({
  open,
  onClose,
  title,
  description,
  intent,
  submitLabel,
  schema,
  shape,
  action,
  testId,
  children,
  size,
  hidden,
}: {
  open: boolean
  onClose: () => void
  title: string
  description?: string
  intent: string
  submitLabel: string
  schema: z.ZodType
  shape?: Parameters<typeof useSchemaForm>[2]
  action?: string
  testId?: string
  size?: 'sm' | 'md' | 'lg'
  hidden?: Record<string, string>
  children: (field: FieldProps) => React.ReactNode
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} size={size} testId={testId}>
      <Inner {...{ onClose, intent, submitLabel, schema, shape, action, hidden }}>{children}</Inner>
    </Dialog>
  )
}

function Inner({
  onClose,
  intent,
  submitLabel,
  schema,
  shape,
  action,
  hidden,
  children,
}: {
  onClose: () => void
  intent: string
  submitLabel: string
  schema: z.ZodType
  shape?: Parameters<typeof useSchemaForm>[2]
  action?: string
  hidden?: Record<string, string>
  children: (field: FieldProps) => React.ReactNode
}) {
  const fetcher = useFetcher<ActionAnswer>()
  const id = useId()
  const busy = fetcher.state !== 'idle'
  const answer = fetcher.state === 'idle' ? fetcher.data : undefined
  const { formRef, onSubmit, field } = useSchemaForm(schema, answer?.errors, shape)
  // Fields render first, so an error whose field is not in this form still shows (in the banner).
  const used = new Set<string>()
  const fields = children((name) => {
    used.add(name)
    return field(name)
  })
  const orphan = Object.entries(answer?.errors ?? {}).find(([k]) => !used.has(k) && !k.includes('.'))?.[1]
  useSaveShortcut(formRef)
  // Refusals show inside the form, next to their fields; only a success toasts.
  useAnswerToast(fetcher.data?.ok ? fetcher.data : null, fetcher.state, () => onClose())
  return (
    <fetcher.Form
      ref={formRef}
      id={id}
      method="post"
      action={action}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormAlert>{answer?.error ?? orphan}</FormAlert>
      {fields}
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <button type="button" className={btn.secondary} onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={btn.primary} disabled={busy} data-testid="dialog-submit">
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </fetcher.Form>
  )
}
