// "Enregistrer une interaction": call, e-mail, meeting or note on an organisation's timeline.
// Given `initial`, the same dialog edits that interaction instead.
import { useEffect, useState } from 'react'
import { INTERACTION_TYPES } from '../../worker/db/enums'
import { InteractionCreate } from '../../worker/interactions/interaction.schema'
import { labels, t } from '../i18n/fr'
import { api } from '../lib/api-client'
import { toDateTimeInput } from '../lib/format'
import type { InteractionDto, Page, PersonDto } from '../lib/types'
import { DialogForm } from './dialog-form'
import { Field, TextareaField } from './field'
import { INTERACTION_ICON } from './interaction-timeline'
import { cx } from './ui'
import { Icon } from './icon'

export const INTERACTION_SHAPE = { arrays: ['personIds'], datetimes: ['occurredAt'], omit: ['interactionId'] }
// The edit form sends every field but the organisation, which never changes.
const InteractionEdit = InteractionCreate.omit({ organisationId: true })

export function LogInteractionDialog({
  open,
  onClose,
  organisation,
  action,
  initial,
}: {
  open: boolean
  onClose: () => void
  organisation: { id: string; name: string }
  action: string
  initial?: InteractionDto
}) {
  const people = usePeopleToTick(open, organisation.id, initial)
  const now = new Date()
  return (
    <DialogForm
      open={open}
      onClose={onClose}
      title={initial ? t('interaction.edit') : t('interaction.log')}
      description={organisation.name}
      intent={initial ? 'edit-interaction' : 'log-interaction'}
      action={action}
      submitLabel={t('common.save')}
      schema={initial ? InteractionEdit : InteractionCreate}
      shape={INTERACTION_SHAPE}
      hidden={initial ? { interactionId: initial.id } : { organisationId: organisation.id }}
      testId="interaction-dialog"
    >
      {(field) => (
        <div className="space-y-4">
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">
              {t('interaction.field.type')} *
            </legend>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              {INTERACTION_TYPES.map((type, i) => (
                <label
                  key={type}
                  className={
                    'flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 ' +
                    'text-sm has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 ' +
                    'has-[:focus-visible]:outline has-[:focus-visible]:outline-2 ' +
                    'has-[:focus-visible]:outline-blue-500 dark:border-slate-600 ' +
                    'dark:has-[:checked]:border-blue-300 dark:has-[:checked]:bg-blue-950'
                  }
                >
                  <input
                    type="radio"
                    name="type"
                    value={type}
                    defaultChecked={initial ? initial.type === type : i === 0}
                    className="sr-only"
                  />
                  <Icon path={INTERACTION_ICON[type]} className="h-4 w-4" />
                  {labels.interaction[type]}
                </label>
              ))}
            </div>
            {field('type').error ? (
              <p className="mt-1 text-sm text-red-700 dark:text-red-300">{field('type').error}</p>
            ) : null}
          </fieldset>
          <Field
            label={t('interaction.field.subject')}
            {...field('subject')}
            defaultValue={initial?.subject}
            autoFocus
          />
          <Field
            label={t('interaction.field.occurredAt')}
            {...field('occurredAt')}
            type="datetime-local"
            defaultValue={toDateTimeInput(initial?.occurredAt ?? now)}
            max={toDateTimeInput(new Date(now.getTime() + 60_000))}
          />
          <TextareaField
            label={t('interaction.field.summary')}
            {...field('summary')}
            defaultValue={initial?.summary ?? undefined}
          />
          {people.length ? (
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">
                {t('interaction.field.people')}
              </legend>
              <div className="flex flex-wrap gap-2">
                {people.map((p) => (
                  <label
                    key={p.id}
                    className={cx(
                      'flex min-h-11 cursor-pointer items-center gap-2 rounded-full border border-slate-300 ' +
                        'px-3 text-sm dark:border-slate-600',
                      'has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 dark:has-[:checked]:bg-blue-950',
                    )}
                  >
                    <input
                      type="checkbox"
                      name="personIds"
                      value={p.id}
                      defaultChecked={p.ticked}
                      className="h-4 w-4 accent-blue-700"
                    />
                    {p.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
        </div>
      )}
    </DialogForm>
  )
}

// The organisation's contacts, plus, when editing, the people already involved: they are ticked
// from the first render (an edit saved before the contacts load must not drop them), and stay
// listed even if no longer linked to the organisation.
function usePeopleToTick(open: boolean, organisationId: string, initial?: InteractionDto) {
  const [contacts, setContacts] = useState<PersonDto[]>([])
  useEffect(() => {
    if (!open) return
    api<Page<PersonDto>>(`/api/v1/people?organisationId=${organisationId}&limit=100`).then(
      (r) => r.ok && setContacts(r.data.data),
    )
  }, [open, organisationId])
  const involved = (initial?.people ?? []).map((p) => ({
    id: p.id,
    name: `${p.firstName} ${p.lastName}`,
    ticked: true,
  }))
  const known = new Set(involved.map((p) => p.id))
  return [
    ...involved,
    ...contacts.filter((p) => !known.has(p.id)).map((p) => ({ id: p.id, name: p.fullName, ticked: false })),
  ]
}
