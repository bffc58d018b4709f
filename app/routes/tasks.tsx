// "Mes tâches": my open tasks, overdue first, completed with one click.
import { useState } from 'react'
import { NavLink, useSearchParams } from 'react-router'
import type { Route } from './+types/tasks'
import { apiJson } from '../lib/api.server'
import { loadUsers } from '../lib/lookups.server'
import { taskIntent } from '../lib/task-intents.server'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { cursorParam } from '../lib/list-query'
import type { Page, TaskDto } from '../lib/types'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { AddTaskButton, TaskDialog } from '../components/task-dialog'
import { TaskList } from '../components/task-list'
import { cx, h2 } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('task.mine')} · ${t('app.name')}` }]

const VIEWS = {
  open: 'status=TODO,IN_PROGRESS&sort=due',
  overdue: 'overdue=true&sort=due',
  done: 'status=DONE&sort=-createdAt',
} as const

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const view = (url.searchParams.get('view') ?? 'open') as keyof typeof VIEWS
  const team = url.searchParams.get('scope') === 'team'
  const cursor = url.searchParams.get('cursor')
  const query = `${VIEWS[view] ?? VIEWS.open}&limit=50${team ? '' : '&mine=true'}${cursorParam(cursor)}`
  const [page, users] = await Promise.all([
    apiJson<Page<TaskDto>>(context, `/api/v1/tasks?${query}`),
    loadUsers(context),
  ])
  return { ...page, users, exportQuery: `${VIEWS[view] ?? VIEWS.open}${team ? '' : '&mine=true'}` }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  return (await taskIntent(context, form.get('intent'), form)) ?? { error: t('common.failed') }
}

function groupOf(task: TaskDto, now: Date) {
  if (task.status === 'DONE' || task.status === 'CANCELLED') return 'done'
  if (task.isOverdue) return 'overdue'
  if (!task.dueAt) return 'none'
  const end = new Date(now)
  end.setHours(23, 59, 59, 999)
  return new Date(task.dueAt) <= end ? 'today' : 'later'
}
const GROUPS = ['overdue', 'today', 'later', 'none', 'done'] as const

export default function Tasks({ loaderData }: Route.ComponentProps) {
  const can = useCan()
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<TaskDto | null>(null)
  const view = params.get('view') ?? 'open'
  const scope = params.get('scope') ?? 'mine'
  const now = new Date()
  const groups = GROUPS.map((g) => ({ g, items: more.items.filter((x) => groupOf(x, now) === g) })).filter(
    (x) => x.items.length,
  )
  const tab = (to: string, label: string, active: boolean) => (
    <NavLink
      to={to}
      className={cx(
        'inline-flex min-h-11 items-center rounded-full px-4 text-sm font-medium',
        active
          ? 'bg-blue-700 text-white'
          : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 ' +
              'dark:text-slate-200 dark:ring-slate-700',
      )}
      aria-current={active ? 'page' : undefined}
      preventScrollReset
    >
      {label}
    </NavLink>
  )
  const q = (v: string, s: string) =>
    `?${new URLSearchParams({ ...(v !== 'open' ? { view: v } : {}), ...(s !== 'mine' ? { scope: s } : {}) })}`
  const add = can('tasks:create') ? <AddTaskButton onClick={() => setAdding(true)} /> : null
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader
        title={scope === 'team' ? t('task.team') : t('task.mine')}
        actions={
          <>
            <ExportMenu entity="tasks" query={loaderData.exportQuery} />
            {add}
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label={t('task.views')} className="flex flex-wrap gap-2">
          {tab(q('open', scope), t('task.view.open'), view === 'open')}
          {tab(q('overdue', scope), t('task.view.overdue'), view === 'overdue')}
          {tab(q('done', scope), t('task.view.done'), view === 'done')}
        </nav>
        <div className="flex-1" />
        <nav aria-label={t('task.scope')} className="flex gap-2">
          {tab(q(view, 'mine'), t('task.scope.mine'), scope === 'mine')}
          {tab(q(view, 'team'), t('task.scope.team'), scope === 'team')}
        </nav>
      </div>
      <Pending className="space-y-4">
        {groups.length === 0 ? (
          <EmptyState
            title={view === 'done' ? t('task.none.done') : t('task.none.open')}
            body={view === 'open' ? t('task.none.open.body') : undefined}
          />
        ) : null}
        {groups.map(({ g, items }) => (
          <section key={g} aria-labelledby={`tasks-${g}`} className="space-y-2" data-testid={`task-group-${g}`}>
            <h2 id={`tasks-${g}`} className={cx(h2, g === 'overdue' && 'text-red-700 dark:text-red-300')}>
              {t(`task.group.${g}`)} <span className="text-sm font-normal">({items.length})</span>
            </h2>
            <TaskList tasks={items} canEdit={can('tasks:update')} showAssignee={scope === 'team'} onEdit={setEditing} />
          </section>
        ))}
      </Pending>
      <LoadMore more={more} />
      <TaskDialog open={adding} onClose={() => setAdding(false)} users={loaderData.users} />
      <TaskDialog
        open={!!editing}
        onClose={() => setEditing(null)}
        users={loaderData.users}
        initial={editing ?? undefined}
      />
    </div>
  )
}
