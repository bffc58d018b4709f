// New task (from "Mes tâches" or an organisation's Tasks tab).
import { TASK_PRIORITIES } from '../../worker/db/enums'
import { TaskCreate } from '../../worker/tasks/task.schema'
import { labels, t } from '../i18n/fr'
import { toDateTimeInput } from '../lib/format'
import { DialogForm } from './dialog-form'
import { EntityPicker } from './entity-picker'
import { Field, SelectField, TextareaField } from './field'

export const TASK_SHAPE = { datetimes: ['dueAt'] }

export function TaskDialog({ open, onClose, action, organisation, users }: {
  open: boolean; onClose: () => void; action?: string
  organisation?: { id: string; name: string }
  users?: { id: string; name: string }[]
}) {
  const tomorrow = new Date(Date.now() + 86_400_000)
  tomorrow.setHours(9, 0, 0, 0)
  return (
    <DialogForm open={open} onClose={onClose} title={t('task.new')} description={organisation?.name} intent="add-task" action={action}
      submitLabel={t('common.create')} schema={TaskCreate} shape={TASK_SHAPE} hidden={organisation ? { organisationId: organisation.id } : undefined} testId="task-dialog">
      {(field) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('task.field.title')} {...field('title')} className="sm:col-span-2" autoFocus />
          <Field label={t('task.field.dueAt')} {...field('dueAt')} type="datetime-local" defaultValue={toDateTimeInput(tomorrow)} />
          <SelectField label={t('task.field.priority')} {...field('priority')} defaultValue="NORMAL"
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: labels.priority[p] }))} />
          {users?.length ? (
            <SelectField label={t('task.field.assignee')} {...field('assigneeId')} empty={t('task.assignee.me')} className="sm:col-span-2"
              options={users.map((u) => ({ value: u.id, label: u.name }))} />
          ) : null}
          {!organisation ? <EntityPicker kind="organisations" label={t('task.field.organisation')} {...field('organisationId')} className="sm:col-span-2" /> : null}
          <TextareaField label={t('task.field.description')} {...field('description')} className="sm:col-span-2" rows={3} />
        </div>
      )}
    </DialogForm>
  )
}
