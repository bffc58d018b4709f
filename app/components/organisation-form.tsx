// The organisation form, for creation, edition and the copy made by "Dupliquer".
import { useNavigation } from 'react-router'
import { OrganisationCreate } from '../../worker/organisations/organisation.schema'
import { labels, t } from '../i18n/fr'
import { useSchemaForm } from '../lib/forms'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { CheckboxField, Field, FormAlert, SelectField } from './field'
import { FormActions, OwnerAndNotes, RecordForm, str, type TextFieldSpec, TextFields } from './record-form'

export type OrganisationValues = Record<string, unknown>
export type UserOption = { id: string; name: string }

// Where the organisation is and how to reach it, in the order of the form.
const CONTACT_FIELDS: TextFieldSpec[] = [
  { name: 'amount', label: 'org.field.amount', inputMode: 'decimal', hint: 'org.field.amount.hint' },
  { name: 'email', label: 'org.field.email', type: 'email', autoComplete: 'off' },
  { name: 'phone', label: 'org.field.phone', type: 'tel' },
  { name: 'website', label: 'org.field.website', wide: true },
  { name: 'address', label: 'org.field.address', wide: true },
  { name: 'postalCode', label: 'org.field.postalCode' },
  { name: 'city', label: 'org.field.city' },
  { name: 'country', label: 'org.field.country', fallback: 'France' },
]

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))

export function OrganisationForm({
  mode,
  values = {},
  errors,
  detail,
  owners: ownerList,
  cancelTo,
}: {
  mode: 'create' | 'edit'
  values?: OrganisationValues
  errors?: Record<string, string>
  detail?: string
  owners?: UserOption[]
  cancelTo: string
}) {
  const busy = useNavigation().state === 'submitting'
  // Edition sends every field too, so the creation rules (required name and type) apply to both.
  const { formRef, onSubmit, field } = useSchemaForm(OrganisationCreate, errors, {
    booleans: mode === 'edit' ? ['isActive'] : [],
  })
  useSaveShortcut(formRef)
  const v = values
  // The current owner stays selectable even when the list of users does not include them.
  const owners =
    ownerList?.length && v.ownerId && !ownerList.some((u) => u.id === v.ownerId)
      ? [{ id: String(v.ownerId), name: String(v.ownerName ?? t('history.someone')) }, ...ownerList]
      : ownerList
  return (
    <RecordForm formRef={formRef} onSubmit={onSubmit} testId="organisation-form" aria-keyshortcuts="Control+S">
      <FormAlert>{detail}</FormAlert>
      <Field
        label={t('org.field.name')}
        {...field('name')}
        // The input stops at the limit: say it, or the name looks cut without a word.
        hint={t('form.maxChars', { n: field('name').maxLength ?? 0 })}
        defaultValue={str(v.name)}
        className="sm:col-span-2"
        autoFocus
        autoComplete="organization"
      />
      <SelectField
        label={t('org.field.type')}
        {...field('type')}
        options={opts(labels.type)}
        empty={t('form.choose')}
        defaultValue={str(v.type)}
      />
      <SelectField
        label={t('org.field.category')}
        {...field('category')}
        options={opts(labels.category)}
        empty={t('common.none')}
        defaultValue={str(v.category) ?? ''}
      />
      <SelectField
        label={t('org.field.pipelineStage')}
        {...field('pipelineStage')}
        options={opts(labels.stage)}
        defaultValue={str(v.pipelineStage) ?? 'PROSPECT'}
      />
      <TextFields specs={CONTACT_FIELDS} field={field} values={v} />
      <OwnerAndNotes owners={owners} values={v} mode={mode} field={field} />
      {mode === 'edit' ? (
        <CheckboxField
          label={t('org.field.isActive')}
          name="isActive"
          defaultChecked={v.isActive !== false}
          className="sm:col-span-2"
        />
      ) : null}
      <FormActions busy={busy} label={mode === 'create' ? t('org.create') : t('common.save')} cancelTo={cancelTo} />
    </RecordForm>
  )
}
