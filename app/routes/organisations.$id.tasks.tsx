// An organisation's tasks: open ones first (overdue at the top), then the finished ones.
import { useState } from 'react'
import { useRouteLoaderData } from 'react-router'
import type { Route } from './+types/organisations.$id.tasks'
import type { loader as orgLoader } from './organisations.$id'
import { apiJson } from '../lib/api.server'
import { loadUsers } from '../lib/lookups.server'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import type { Page, TaskDto } from '../lib/types'
import { AddTaskButton, TaskDialog } from '../components/task-dialog'
import { TaskList } from '../components/task-list'
import { EmptyState } from '../components/page'
import { h2 } from '../components/ui'

export async function loader({ params, context }: Route.LoaderArgs) {
  const id = encodeURIComponent(params.id)
  const [open, closed, users] = await Promise.all([
    apiJson<Page<TaskDto>>(context, `/api/v1/tasks?organisationId=${id}&status=TODO,IN_PROGRESS&sort=due&limit=100`),
    apiJson<Page<TaskDto>>(
      context,
      `/api/v1/tasks?organisationId=${id}&status=DONE,CANCELLED&sort=-createdAt&limit=20`,
    ),
    loadUsers(context),
  ])
  return { open: open.data, closed: closed.data, users }
}

export default function OrganisationTasks({ loaderData }: Route.ComponentProps) {
  const o = useRouteLoaderData<typeof orgLoader>('routes/organisations.$id')!
  const can = useCan()
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<TaskDto | null>(null)
  const list = (tasks: TaskDto[]) => (
    <TaskList tasks={tasks} canEdit={can('tasks:update')} showOrganisation={false} showAssignee onEdit={setEditing} />
  )
  const add = can('tasks:create') ? <AddTaskButton onClick={() => setAdding(true)} /> : null
  return (
    <section className="space-y-4" aria-label={t('org.tab.tasks')}>
      {loaderData.open.length === 0 ? (
        <EmptyState title={t('task.none')} action={add} />
      ) : (
        <>
          <div>{add}</div>
          {list(loaderData.open)}
        </>
      )}
      {loaderData.closed.length ? (
        <div className="space-y-2">
          <h2 className={h2}>{t('task.closed')}</h2>
          {list(loaderData.closed)}
        </div>
      ) : null}
      <TaskDialog
        open={adding}
        onClose={() => setAdding(false)}
        action={`/organisations/${o.id}`}
        organisation={o}
        users={loaderData.users}
      />
      <TaskDialog
        open={!!editing}
        onClose={() => setEditing(null)}
        action={`/organisations/${o.id}`}
        organisation={o}
        users={loaderData.users}
        initial={editing ?? undefined}
      />
    </section>
  )
}
