// Dashboard: KPIs and charts within the user's scope, kept current by live events (the bell
// revalidates) and at least every 30 seconds.
import { Link } from 'react-router'
import type { Route } from './+types/dashboard'
import { apiJson } from '../lib/api.server'
import { tryList } from '../lib/lookups.server'
import { labels, t, type MessageKey } from '../i18n/fr'
import { formatDateTime, formatMoney, formatMoneyCompact, formatNumber } from '../lib/format'
import { useCan, useMe } from '../lib/use-me'
import { useRevalidateEvery } from '../lib/use-shortcuts'
import type { DashboardDto, TaskDto } from '../lib/types'
import { Columns, HBars, StackedBar } from '../components/charts'
import { PageHeader, SectionHeading } from '../components/page'
import { TaskList } from '../components/task-list'
import { card, cx, h2, link, muted, STAGE_FILL } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.dashboard')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  const [dashboard, overdue] = await Promise.all([
    apiJson<DashboardDto>(context, '/api/v1/dashboard'),
    tryList<TaskDto>(context, '/api/v1/tasks?mine=true&status=TODO,IN_PROGRESS&sort=due&limit=5'),
  ])
  return { dashboard, myTasks: overdue.data, at: new Date().toISOString() }
}

const SCOPE: Record<string, MessageKey> = {
  admin: 'dashboard.scope.admin',
  manager: 'dashboard.scope.team',
  viewer: 'dashboard.scope.team',
  sales: 'dashboard.scope.own',
}
const ACTIVITY_ICON: Record<string, string> = {
  interaction: 'M4 5h16v11H8l-4 4z',
  stage_change: 'M4 12h14M13 6l6 6-6 6',
  mandate_signed: 'M7 3h7l5 5v13H7zM14 3v5h5M9 17c2-3 3 1 5-2',
}
const ACTIVITY_LABEL: Record<string, MessageKey> = {
  interaction: 'dashboard.activity.interaction',
  stage_change: 'dashboard.activity.stage',
  mandate_signed: 'dashboard.activity.signed',
}
// Stage changes arrive as "PROSPECT → QUALIFICATION": shown with the stages' names.
const readable = (title: string) =>
  title.replace(/\b(PROSPECT|QUALIFICATION|PROPOSITION|SIGNE)\b/g, (s) => labels.stage[s as keyof typeof labels.stage])
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' })

function Kpi({
  label,
  value,
  sub,
  to,
  tone,
  testId,
  className,
}: {
  label: string
  value: string
  sub?: string
  to?: string
  tone?: 'alert'
  testId: string
  className?: string
}) {
  const body = (
    <>
      <dt className={cx(muted, 'text-sm')}>{label}</dt>
      <dd
        className={cx('mt-1 text-2xl font-semibold tabular-nums', tone === 'alert' && 'text-red-700 dark:text-red-300')}
        data-testid={testId}
      >
        {value}
      </dd>
      {sub ? <dd className={cx(muted, 'text-xs')}>{sub}</dd> : null}
    </>
  )
  return to ? (
    <Link to={to} className={cx(card, 'block p-4 hover:border-blue-400 dark:hover:border-blue-500', className)}>
      <dl>{body}</dl>
    </Link>
  ) : (
    <div className={cx(card, 'p-4', className)}>
      <dl>{body}</dl>
    </div>
  )
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  useRevalidateEvery(30_000)
  const me = useMe()
  const can = useCan()
  const d = loaderData.dashboard
  const signedOrgs = d.organisationsByStage.find((s) => s.stage === 'SIGNE')
  return (
    <div className="space-y-4" data-testid="dashboard">
      <PageHeader
        title={t('dashboard.hello', { name: me.name.split(' ')[0] ?? me.name })}
        subtitle={
          <>
            {t(SCOPE[me.role] ?? 'dashboard.scope.own')} ·{' '}
            <span data-testid="dashboard-updated">{t('dashboard.updated', { at: formatDateTime(loaderData.at) })}</span>
          </>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi
          testId="kpi-organisations"
          label={t('dashboard.kpi.organisations')}
          value={formatNumber(d.organisationsTotal)}
          sub={t('dashboard.kpi.signedOrgs', { count: signedOrgs?.count ?? 0 })}
          to="/organisations"
        />
        <Kpi
          testId="kpi-signed"
          label={t('dashboard.kpi.signedQuarter')}
          value={formatNumber(d.signedThisQuarter.mandates)}
          sub={formatMoney(d.signedThisQuarter.amount)}
          to="/mandates?status=SIGNE"
        />
        <Kpi
          testId="kpi-pipeline"
          label={t('dashboard.kpi.pipeline')}
          value={formatMoneyCompact(d.pipelineAmount)}
          sub={t('dashboard.kpi.weighted', { amount: formatMoneyCompact(d.weightedPipelineAmount) })}
          to="/pipeline"
        />
        <Kpi
          testId="kpi-overdue"
          label={t('dashboard.kpi.overdue')}
          value={formatNumber(d.overdueTasks)}
          sub={t('dashboard.kpi.open', { count: d.openTasks })}
          to="/tasks?view=overdue"
          tone={d.overdueTasks ? 'alert' : undefined}
        />
        <Kpi
          className="col-span-2 lg:col-span-1"
          testId="kpi-stale"
          label={t('dashboard.kpi.stale')}
          value={formatNumber(d.staleOrganisations)}
          sub={t('org.stale.hint')}
          to="/organisations?stale=true"
          tone={d.staleOrganisations ? 'alert' : undefined}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <section className={cx(card, 'min-w-0 space-y-4 p-4 lg:col-span-2')} aria-labelledby="d-stages">
          <div>
            <h2 id="d-stages" className={h2}>
              {t('dashboard.byStage')}
            </h2>
            <p className={cx(muted, 'text-sm')} data-testid="stages-scope">
              {t('dashboard.byStage.scope')}
            </p>
          </div>
          <StackedBar
            testId="chart-stages"
            caption={t('dashboard.byStage')}
            head={[t('org.field.pipelineStage'), t('analytics.organisations')]}
            parts={d.organisationsByStage.map((s) => ({
              key: s.stage,
              label: labels.stage[s.stage],
              value: s.count,
              display: formatNumber(s.count),
              fill: STAGE_FILL[s.stage],
            }))}
          />
          <HBars
            testId="chart-amounts"
            caption={t('dashboard.amountByStage')}
            head={[t('org.field.pipelineStage'), t('pipeline.amount')]}
            bars={d.organisationsByStage.map((s) => ({
              key: s.stage,
              label: labels.stage[s.stage],
              value: Number(s.amount),
              display: formatMoneyCompact(s.amount),
              fill: STAGE_FILL[s.stage],
            }))}
          />
        </section>
        <section className={cx(card, 'min-w-0 space-y-3 p-4')} aria-labelledby="d-months">
          <h2 id="d-months" className={h2}>
            {t('dashboard.signedPerMonth')}
          </h2>
          <Columns
            testId="chart-months"
            caption={t('dashboard.signedPerMonth')}
            head={[t('dashboard.month'), t('dashboard.mandates')]}
            bars={d.signedPerMonth.map((m) => ({
              key: m.month,
              label: MONTH.format(new Date(`${m.month.slice(0, 7)}-01T00:00:00Z`)),
              value: m.count,
              display: formatNumber(m.count),
              fill: 'fill-emerald-600',
            }))}
          />
        </section>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="min-w-0 space-y-2" aria-labelledby="d-tasks">
          <SectionHeading id="d-tasks" title={t('task.mine')} to="/tasks" />
          {loaderData.myTasks.length ? (
            <TaskList tasks={loaderData.myTasks} canEdit={can('tasks:update')} />
          ) : (
            <p className={cx(card, muted, 'p-4 text-sm')}>{t('task.none.open')}</p>
          )}
        </section>
        <section className="min-w-0 space-y-2" aria-labelledby="d-activity">
          <h2 id="d-activity" className={h2}>
            {t('dashboard.activity')}
          </h2>
          {d.recentActivity.length === 0 ? (
            <p className={cx(card, muted, 'p-4 text-sm')}>{t('dashboard.activity.none')}</p>
          ) : (
            <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="recent-activity">
              {d.recentActivity.map((a) => (
                <li key={`${a.kind}-${a.id}`} className="flex gap-3 px-4 py-2 text-sm">
                  <svg
                    role="img"
                    aria-label={ACTIVITY_LABEL[a.kind] ? t(ACTIVITY_LABEL[a.kind]!) : a.kind}
                    viewBox="0 0 24 24"
                    className="mt-0.5 h-5 w-5 shrink-0 text-slate-600 dark:text-slate-400"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                  >
                    <path d={ACTIVITY_ICON[a.kind] ?? ACTIVITY_ICON.interaction} />
                  </svg>
                  <div className="min-w-0 flex-1">
                    <p className="break-words">{readable(a.title)}</p>
                    <p className={cx(muted, 'text-xs')}>
                      {a.organisationId ? (
                        <Link to={`/organisations/${a.organisationId}`} className={link}>
                          {a.organisationName}
                        </Link>
                      ) : null}
                      {a.userName ? ` · ${a.userName}` : ''} · {formatDateTime(a.at)}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}
