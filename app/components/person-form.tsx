// The person form (create and edit). On creation the person can be linked to one organisation
// at once (FAQ: "Créer Personne → Champ Organisation"); more links are managed on their page.
import { useNavigation } from 'react-router'
import { z } from 'zod'
import { PersonInput, PersonLinkInput } from '../../worker/people/person.schema'
import { t } from '../i18n/fr'
import { useSchemaForm } from '../lib/forms'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { EntityPicker } from './entity-picker'
import { CheckboxField, FormAlert } from './field'
import { FormActions, OwnerAndNotes, RecordForm, type TextFieldSpec, TextFields } from './record-form'
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

const PERSON_FIELDS: TextFieldSpec[] = [
  { name: 'firstName', label: 'person.field.firstName', autoFocus: true, autoComplete: 'off' },
  { name: 'lastName', label: 'person.field.lastName', autoComplete: 'off' },
  { name: 'jobTitle', label: 'person.field.jobTitle', wide: true },
  { name: 'personalEmail', label: 'person.field.personalEmail', type: 'email', autoComplete: 'off' },
  { name: 'personalPhone', label: 'person.field.personalPhone', type: 'tel', autoComplete: 'off' },
]
// The first link's details (role and work contacts at that organisation).
const LINK_FIELDS: TextFieldSpec[] = [
  { name: 'role', label: 'contact.role' },
  { name: 'workEmail', label: 'person.link.workEmail', type: 'email' },
  { name: 'workPhone', label: 'person.link.workPhone', type: 'tel' },
]

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
      <TextFields specs={PERSON_FIELDS} field={field} values={v} />
      <OwnerAndNotes owners={owners} values={v} mode={mode} field={field} />
      {mode === 'create' ? (
        <fieldset
          className={
            'grid gap-4 border-t border-slate-200 pt-4 sm:col-span-2 sm:grid-cols-2 ' + 'dark:border-slate-800'
          }
        >
          <legend className={cx(h2, 'mb-2 sm:col-span-2')}>{t('person.firstLink')}</legend>
          <EntityPicker
            kind="organisations"
            label={t('person.link.organisation')}
            {...field('organisationId')}
            defaultValue={organisation}
            className="sm:col-span-2"
          />
          <TextFields specs={LINK_FIELDS} field={field} values={v} />
          <CheckboxField label={t('contact.primary.check')} name="isPrimary" defaultChecked={v.isPrimary === true} />
        </fieldset>
      ) : null}
      <FormActions busy={busy} label={mode === 'create' ? t('common.create') : t('common.save')} cancelTo={cancelTo} />
    </RecordForm>
  )
}
