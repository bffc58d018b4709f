// "Enregistrer une interaction": call, e-mail, meeting or note on an organisation's timeline.
import { useEffect, useState } from 'react'
import { INTERACTION_TYPES } from '../../worker/db/enums'
import { InteractionCreate } from '../../worker/interactions/interaction.schema'
import { labels, t } from '../i18n/fr'
import { api } from '../lib/api-client'
import { toDateTimeInput } from '../lib/format'
import type { Page, PersonDto } from '../lib/types'
import { DialogForm } from './dialog-form'
import { Field, TextareaField } from './field'
import { INTERACTION_ICON } from './interaction-timeline'
import { cx } from './ui'

export const INTERACTION_SHAPE = { arrays: ['personIds'], datetimes: ['occurredAt'] }

export function LogInteractionDialog({ open, onClose, organisation, action }: {
  open: boolean; onClose: () => void; organisation: { id: string; name: string }; action: string
}) {
  const [people, setPeople] = useState<PersonDto[]>([])
  useEffect(() => {
    if (!open) return
    api<Page<PersonDto>>(`/api/v1/people?organisationId=${organisation.id}&limit=100`).then((r) => r.ok && setPeople(r.data.data))
  }, [open, organisation.id])
  return (
    <DialogForm open={open} onClose={onClose} title={t('interaction.log')} description={organisation.name} intent="log-interaction" action={action}
      submitLabel={t('common.save')} schema={InteractionCreate} shape={INTERACTION_SHAPE} hidden={{ organisationId: organisation.id }} testId="interaction-dialog">
      {(field) => (
        <div className="space-y-4">
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t('interaction.field.type')} *</legend>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              {INTERACTION_TYPES.map((type, i) => (
                <label key={type} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 text-sm has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-500 dark:border-slate-600 dark:has-[:checked]:border-blue-300 dark:has-[:checked]:bg-blue-950">
                  <input type="radio" name="type" value={type} defaultChecked={i === 0} className="sr-only" />
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2"><path d={INTERACTION_ICON[type]} /></svg>
                  {labels.interaction[type]}
                </label>
              ))}
            </div>
            {field('type').error ? <p className="mt-1 text-sm text-red-700 dark:text-red-300">{field('type').error}</p> : null}
          </fieldset>
          <Field label={t('interaction.field.subject')} {...field('subject')} autoFocus />
          <Field label={t('interaction.field.occurredAt')} {...field('occurredAt')} type="datetime-local" defaultValue={toDateTimeInput(new Date())} max={toDateTimeInput(new Date(Date.now() + 60_000))} />
          <TextareaField label={t('interaction.field.summary')} {...field('summary')} />
          {people.length ? (
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t('interaction.field.people')}</legend>
              <div className="flex flex-wrap gap-2">
                {people.map((p) => (
                  <label key={p.id} className={cx('flex min-h-11 cursor-pointer items-center gap-2 rounded-full border border-slate-300 px-3 text-sm dark:border-slate-600', 'has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 dark:has-[:checked]:bg-blue-950')}>
                    <input type="checkbox" name="personIds" value={p.id} className="h-4 w-4 accent-blue-700" />{p.fullName}
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
