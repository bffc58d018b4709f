// Tasks with one-click completion (optimistic: the row is ticked at once and unticked again with
// a toast if the API refuses), a status menu, and "Modifier" where the screen offers the dialog.
import { useState } from 'react'
import { Link, useRevalidator } from 'react-router'
import { TASK_STATUSES, type TaskPriority, type TaskStatus } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { api, problemMessage } from '../lib/api-client'
import { formatDateTime, formatRelative } from '../lib/format'
import type { TaskDto } from '../lib/types'
import { MoreMenu } from './menu'
import { useToast } from './toasts'
import { badge, btn, card, cx, link, muted } from './ui'
import { Icon } from './icon'

const PRIORITY: Record<TaskPriority, string> = {
  LOW: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  NORMAL: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  HIGH: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  URGENT: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
}

export function TaskList({
  tasks,
  canEdit,
  showOrganisation = true,
  showAssignee = false,
  onEdit,
}: {
  tasks: TaskDto[]
  canEdit: boolean
  showOrganisation?: boolean
  showAssignee?: boolean
  onEdit?: (task: TaskDto) => void
}) {
  // Statuses changed here and not yet reloaded from the server (optimistic).
  const [local, setLocal] = useState<Record<string, TaskStatus>>({})
  const toast = useToast()
  const { revalidate } = useRevalidator()
  const statusOf = (task: TaskDto) => local[task.id] ?? task.status
  const setStatus = async (task: TaskDto, next: TaskStatus) => {
    const before = statusOf(task)
    if (before === next) return
    setLocal((m) => ({ ...m, [task.id]: next }))
    const r = await api(`/api/v1/tasks/${task.id}`, { method: 'PATCH', body: { status: next } })
    if (!r.ok) {
      setLocal((m) => ({ ...m, [task.id]: before }))
      toast(t('task.toggle.failed', { reason: problemMessage(r, t('common.networkError')) }), 'error')
      return
    }
    toast(
      next === 'DONE'
        ? t('task.completed', { title: task.title })
        : before === 'DONE' && next === 'TODO'
          ? t('task.reopened', { title: task.title })
          : t('task.statusChanged', { title: task.title, status: labels.taskStatus[next] }),
      'success',
    )
    revalidate()
  }
  const toggle = (task: TaskDto) => setStatus(task, statusOf(task) === 'DONE' ? 'TODO' : 'DONE')
  return (
    <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="task-list">
      {tasks.map((task) => {
        const status = statusOf(task)
        const isDone = status === 'DONE'
        const overdue = task.isOverdue && !isDone
        return (
          <li
            key={task.id}
            className="flex items-start gap-3 px-3 py-2"
            data-testid="task-row"
            data-overdue={overdue || undefined}
          >
            {/* biome-ignore lint/a11y/useSemanticElements: a styled round toggle button; a native checkbox would change
               its look and form behaviour */}
            <button
              type="button"
              role="checkbox"
              aria-checked={isDone}
              disabled={!canEdit || status === 'CANCELLED'}
              onClick={() => toggle(task)}
              aria-label={isDone ? t('task.reopen', { title: task.title }) : t('task.complete', { title: task.title })}
              data-testid="task-toggle"
              className={
                'flex h-11 w-11 shrink-0 items-center justify-center rounded-full hover:bg-slate-100 ' +
                'disabled:cursor-not-allowed dark:hover:bg-slate-800'
              }
            >
              <span
                className={cx(
                  'flex h-6 w-6 items-center justify-center rounded-full border-2',
                  isDone
                    ? 'border-emerald-700 bg-emerald-700 text-white dark:border-emerald-400 ' +
                        'dark:bg-emerald-400 dark:text-slate-950'
                    : 'border-slate-400 dark:border-slate-500',
                )}
              >
                {isDone ? <Icon path="M5 12l5 5 9-10" className="h-4 w-4" strokeWidth={3} /> : null}
              </span>
            </button>
            <div className="min-w-0 flex-1 py-1.5">
              <p className={cx('font-medium', isDone && 'text-slate-500 line-through dark:text-slate-400')}>
                {task.title}
              </p>
              <div className={cx(muted, 'flex flex-wrap items-center gap-x-3 gap-y-1 text-sm')}>
                {task.dueAt ? (
                  <span
                    className={overdue ? 'font-medium text-red-700 dark:text-red-300' : undefined}
                    title={formatDateTime(task.dueAt)}
                  >
                    {overdue ? `${t('task.overdue')} · ` : ''}
                    {formatRelative(task.dueAt)}
                  </span>
                ) : (
                  <span>{t('task.noDue')}</span>
                )}
                <span className={cx(badge, PRIORITY[task.priority])}>{labels.priority[task.priority]}</span>
                {status === 'IN_PROGRESS' || status === 'CANCELLED' ? <span>{labels.taskStatus[status]}</span> : null}
                {showOrganisation && task.organisationId ? (
                  <Link to={`/organisations/${task.organisationId}`} className={link}>
                    {task.organisationName}
                  </Link>
                ) : null}
                {showAssignee && task.assigneeName ? <span>{task.assigneeName}</span> : null}
              </div>
            </div>
            {canEdit && onEdit ? (
              <button
                type="button"
                className={btn.icon}
                onClick={() => onEdit(task)}
                aria-label={t('task.editOf', { title: task.title })}
                title={t('common.edit')}
                data-testid="task-edit"
              >
                <Icon path="M4 20h4L19 9l-4-4L4 16zM14 6l4 4" />
              </button>
            ) : null}
            {canEdit ? (
              <MoreMenu
                ariaLabel={t('task.statusOf', { title: task.title })}
                heading={t('task.field.status')}
                items={TASK_STATUSES.map((s) => ({
                  label: labels.taskStatus[s],
                  checked: s === status,
                  onSelect: () => void setStatus(task, s),
                }))}
              />
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
