// The person form (create and edit). On creation the person can be linked to one organisation
// at once (FAQ: "Créer Personne → Champ Organisation"); more links are managed on their page.
import { useNavigation } from 'react-router'
import { z } from 'zod'
import { PersonInput, PersonLinkInput } from '../../worker/people/person.schema'
import { t } from '../i18n/fr'
import { useSchemaForm } from '../lib/forms'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { EntityPicker } from './entity-picker'
import { CheckboxField, Field, FormAlert, TextareaField } from './field'
import { FormActions, OwnerField, RecordForm, str } from './record-form'
import { cx, h2 } from './ui'

const PersonFields = PersonInput.omit({ organisations: true })
// The optional first link, flattened into the form (organisationId empty = no link).
export const PersonCreateForm = PersonFields.extend({
  organisationId: z.string().optional(),
  role: PersonLinkInput.shape.role,
  workEmail: PersonLinkInput.shape.workEmail,
  workPhone: PersonLinkInput.shape.workPhone,
  isPrimary: z.boolean().optional(),
})

type Values = Record<string, unknown>

export function PersonForm({
  mode,
  values = {},
  errors,
  detail,
  owners,
  cancelTo,
  organisation,
}: {
  mode: 'create' | 'edit'
  values?: Values
  errors?: Record<string, string>
  detail?: string
  owners?: { id: string; name: string }[]
  cancelTo: string
  organisation?: { id: string; label: string } | null
}) {
  const busy = useNavigation().state === 'submitting'
  const { formRef, onSubmit, field } = useSchemaForm(mode === 'create' ? PersonCreateForm : PersonFields, errors, {
    booleans: mode === 'create' ? ['isPrimary'] : [],
  })
  useSaveShortcut(formRef)
  const v = values
  return (
    <RecordForm formRef={formRef} onSubmit={onSubmit} testId="person-form">
      <FormAlert>{detail}</FormAlert>
      <Field
        label={t('person.field.firstName')}
        {...field('firstName')}
        defaultValue={str(v.firstName)}
        autoFocus
        autoComplete="off"
      />
      <Field
        label={t('person.field.lastName')}
        {...field('lastName')}
        defaultValue={str(v.lastName)}
        autoComplete="off"
      />
      <Field
        label={t('person.field.jobTitle')}
        {...field('jobTitle')}
        defaultValue={str(v.jobTitle)}
        className="sm:col-span-2"
      />
      <Field
        label={t('person.field.personalEmail')}
        {...field('personalEmail')}
        type="email"
        defaultValue={str(v.personalEmail)}
        autoComplete="off"
      />
      <Field
        label={t('person.field.personalPhone')}
        {...field('personalPhone')}
        type="tel"
        defaultValue={str(v.personalPhone)}
        autoComplete="off"
      />
      <OwnerField owners={owners} value={v.ownerId} mode={mode} {...field('ownerId')} />
      <TextareaField
        label={t('org.field.notes')}
        {...field('notes')}
        defaultValue={str(v.notes)}
        className="sm:col-span-2"
      />
      {mode === 'create' ? (
        <fieldset className="grid gap-4 border-t border-slate-200 pt-4 sm:col-span-2 sm:grid-cols-2 dark:border-slate-800">
          <legend className={cx(h2, 'mb-2 sm:col-span-2')}>{t('person.firstLink')}</legend>
          <EntityPicker
            kind="organisations"
            label={t('person.link.organisation')}
            {...field('organisationId')}
            defaultValue={organisation}
            className="sm:col-span-2"
          />
          <Field label={t('contact.role')} {...field('role')} defaultValue={str(v.role)} />
          <Field
            label={t('person.link.workEmail')}
            {...field('workEmail')}
            type="email"
            defaultValue={str(v.workEmail)}
          />
          <Field
            label={t('person.link.workPhone')}
            {...field('workPhone')}
            type="tel"
            defaultValue={str(v.workPhone)}
          />
          <CheckboxField label={t('contact.primary.check')} name="isPrimary" defaultChecked={v.isPrimary === true} />
        </fieldset>
      ) : null}
      <FormActions busy={busy} label={mode === 'create' ? t('common.create') : t('common.save')} cancelTo={cancelTo} />
    </RecordForm>
  )
}
