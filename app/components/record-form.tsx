// The parts every record form (organisation, person, mandate, product) shares: the card that holds
// the fields, the owner choice and the footer with save, cancel and the Ctrl+S hint.
import { Form, Link } from 'react-router'
import { type MessageKey, t } from '../i18n/fr'
import type { useSchemaForm } from '../lib/forms'
import { Field, SelectField, TextareaField } from './field'
import { btn, card, cx } from './ui'

// A stored value as an input's default (null and undefined leave the input empty).
export const str = (v: unknown) => (v == null ? undefined : String(v))

type FieldOf = ReturnType<typeof useSchemaForm>['field']
export type TextFieldSpec = {
  name: string
  label: MessageKey
  hint?: MessageKey
  // Spans both columns of the form.
  wide?: boolean
  // The default when the record has no value yet.
  fallback?: string
} & Pick<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'inputMode' | 'autoFocus'>

// A run of plain text inputs, each named, constrained and checked by the form's schema.
export function TextFields({
  specs,
  field,
  values,
}: {
  specs: TextFieldSpec[]
  field: FieldOf
  values: Record<string, unknown>
}) {
  return specs.map(({ name, label, hint, wide, fallback, ...input }) => (
    <Field
      key={name}
      label={t(label)}
      {...field(name)}
      {...input}
      hint={hint ? t(hint) : undefined}
      defaultValue={str(values[name]) ?? fallback}
      className={wide ? 'sm:col-span-2' : undefined}
    />
  ))
}

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

// Who follows the record, then free notes: the organisation and person forms end with both.
export function OwnerAndNotes({
  owners,
  values,
  mode,
  field,
}: {
  owners?: { id: string; name: string }[]
  values: Record<string, unknown>
  mode: 'create' | 'edit'
  field: FieldOf
}) {
  return (
    <>
      <OwnerField owners={owners} value={values.ownerId} mode={mode} {...field('ownerId')} />
      <TextareaField
        label={t('org.field.notes')}
        {...field('notes')}
        defaultValue={str(values.notes)}
        className="sm:col-span-2"
      />
    </>
  )
}

// On creation an empty owner means "me"; on edition it means nobody.
function OwnerField({
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
