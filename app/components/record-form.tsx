// The parts every record form (organisation, person, mandate, product) shares: the card that holds
// the fields, the owner choice and the footer with save, cancel and the Ctrl+S hint.
import { Form, Link } from 'react-router'
import { t } from '../i18n/fr'
import { SelectField } from './field'
import { btn, card, cx } from './ui'

// A stored value as an input's default (null and undefined leave the input empty).
export const str = (v: unknown) => (v == null ? undefined : String(v))

export function RecordForm({
  formRef,
  onSubmit,
  testId,
  className = 'grid gap-4 p-4 sm:grid-cols-2 md:p-6',
  children,
  ...rest
}: {
  formRef: React.Ref<HTMLFormElement>
  onSubmit: React.FormEventHandler<HTMLFormElement>
  testId: string
  className?: string
  children: React.ReactNode
  'aria-keyshortcuts'?: string
}) {
  return (
    <Form
      ref={formRef}
      method="post"
      onSubmit={onSubmit}
      noValidate
      data-testid={testId}
      className={cx(card, className)}
      {...rest}
    >
      {children}
    </Form>
  )
}

export function FormActions({
  busy,
  label,
  cancelTo,
  saveHint = true,
  className = 'sm:col-span-2',
}: {
  busy: boolean
  label: string
  cancelTo?: string
  saveHint?: boolean
  className?: string
}) {
  return (
    <div className={cx('flex flex-wrap items-center gap-2', className)}>
      <button type="submit" disabled={busy} className={btn.primary} data-testid="submit">
        {busy ? t('common.saving') : label}
      </button>
      {cancelTo ? (
        <Link to={cancelTo} className={btn.secondary}>
          {t('common.cancel')}
        </Link>
      ) : null}
      {saveHint ? (
        <span className="ml-auto hidden text-xs text-slate-600 sm:inline dark:text-slate-400">
          {t('form.saveHint')}
        </span>
      ) : null}
    </div>
  )
}

// On creation an empty owner means "me"; on edition it means nobody.
export function OwnerField({
  owners,
  value,
  mode,
  ...field
}: {
  owners?: { id: string; name: string }[]
  value: unknown
  mode: 'create' | 'edit'
  name: string
  error?: string
  required?: boolean
  maxLength?: number
}) {
  if (!owners?.length) return null
  return (
    <SelectField
      label={t('org.field.owner')}
      {...field}
      options={owners.map((u) => ({ value: u.id, label: u.name }))}
      defaultValue={str(value) ?? ''}
      empty={mode === 'create' ? t('org.field.owner.me') : t('common.none')}
    />
  )
}
