// The task dialog posts `add-task` or `edit-task` to the route that shows it ("Mes tâches", an
// organisation's tab): both answer them here.
import type { AppLoadContext } from 'react-router'
import { t } from '../i18n/fr'
import { TASK_SHAPE } from '../components/task-dialog'
import { submit, type Answer } from './actions.server'
import { formToJson } from './forms'

export function taskIntent(
  context: AppLoadContext,
  intent: FormDataEntryValue | null,
  form: FormData,
): Promise<Answer> | null {
  if (intent === 'add-task')
    return submit(context, '/api/v1/tasks', 'POST', formToJson(form, TASK_SHAPE), t('task.created'))
  if (intent === 'edit-task') {
    const id = encodeURIComponent(String(form.get('taskId') ?? ''))
    return submit(context, `/api/v1/tasks/${id}`, 'PATCH', formToJson(form, TASK_SHAPE), t('task.updated'))
  }
  return null
}
