// New task (from "Mes tâches" or an organisation's Tasks tab); given `initial`, the same dialog
// edits that task.
import { TASK_PRIORITIES } from '../../worker/db/enums'
import { TaskCreate } from '../../worker/tasks/task.schema'
import { labels, t } from '../i18n/fr'
import { toDateTimeInput } from '../lib/format'
import type { TaskDto } from '../lib/types'
import { DialogForm } from './dialog-form'
import { EntityPicker } from './entity-picker'
import { Field, SelectField, TextareaField } from './field'
import { btn } from './ui'

export const TASK_SHAPE = { datetimes: ['dueAt'], omit: ['taskId'] }

type UserOption = { id: string; name: string }

export function TaskDialog({
  open,
  onClose,
  action,
  organisation,
  users,
  initial,
}: {
  open: boolean
  onClose: () => void
  action?: string
  organisation?: { id: string; name: string }
  users?: UserOption[]
  initial?: TaskDto
}) {
  const tomorrow = new Date(Date.now() + 86_400_000)
  tomorrow.setHours(9, 0, 0, 0)
  const hidden = {
    ...(organisation ? { organisationId: organisation.id } : {}),
    ...(initial ? { taskId: initial.id } : {}),
  }
  return (
    <DialogForm
      open={open}
      onClose={onClose}
      title={initial ? t('task.edit') : t('task.new')}
      description={organisation?.name}
      intent={initial ? 'edit-task' : 'add-task'}
      action={action}
      submitLabel={initial ? t('common.save') : t('common.create')}
      schema={TaskCreate}
      shape={TASK_SHAPE}
      hidden={hidden}
      testId="task-dialog"
    >
      {(field) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('task.field.title')}
            {...field('title')}
            defaultValue={initial?.title}
            className="sm:col-span-2"
            autoFocus
          />
          <Field
            label={t('task.field.dueAt')}
            {...field('dueAt')}
            type="datetime-local"
            defaultValue={toDateTimeInput(initial ? initial.dueAt : tomorrow)}
          />
          <SelectField
            label={t('task.field.priority')}
            {...field('priority')}
            defaultValue={initial?.priority ?? 'NORMAL'}
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: labels.priority[p] }))}
          />
          {users?.length ? (
            <SelectField
              label={t('task.field.assignee')}
              {...field('assigneeId')}
              className="sm:col-span-2"
              {...assigneeChoice(users, initial)}
            />
          ) : null}
          {!organisation ? (
            <EntityPicker
              kind="organisations"
              label={t('task.field.organisation')}
              {...field('organisationId')}
              className="sm:col-span-2"
              defaultValue={
                initial?.organisationId ? { id: initial.organisationId, label: initial.organisationName ?? '' } : null
              }
            />
          ) : null}
          <TextareaField
            label={t('task.field.description')}
            {...field('description')}
            defaultValue={initial?.description ?? undefined}
            className="sm:col-span-2"
            rows={3}
          />
        </div>
      )}
    </DialogForm>
  )
}

// An empty choice means "me" when creating, but would unassign the task when editing: there it
// is offered only to a task nobody holds, and the current assignee is listed even from another team.
function assigneeChoice(users: UserOption[], initial?: TaskDto) {
  if (!initial) return { options: users.map(toOption), empty: t('task.assignee.me') }
  const current =
    initial.assigneeId && !users.some((u) => u.id === initial.assigneeId)
      ? [{ id: initial.assigneeId, name: initial.assigneeName ?? '' }]
      : []
  return {
    options: [...current, ...users].map(toOption),
    empty: initial.assigneeId ? undefined : t('task.assignee.none'),
    defaultValue: initial.assigneeId ?? '',
  }
}
const toOption = (u: UserOption) => ({ value: u.id, label: u.name })

// Opens the task dialog for a new task ("Mes tâches" and an organisation's tasks).
export function AddTaskButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className={btn.primary} onClick={onClick} data-testid="add-task">
      + {t('task.new')}
    </button>
  )
}
