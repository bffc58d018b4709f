// Pipeline analytics: funnel, conversion per transition, average time per stage and the
// forecast (amount × stage probability). Reference lines are the guide's thresholds (guide 3).
import { useSearchParams } from 'react-router'
import type { Route } from './+types/pipeline.analytics'
import { apiJson } from '../lib/api.server'
import { pipelineQuery } from '../lib/pipeline'
import { labels, t } from '../i18n/fr'
import { formatDate, formatDays, formatMoney, formatMoneyCompact, formatNumber, formatPercent } from '../lib/format'
import { useRevalidateEvery } from '../lib/use-shortcuts'
import type { AnalyticsDto } from '../lib/types'
import type { PipelineStage } from '../../worker/db/enums'
import { Funnel, HBars, StackedBar } from '../components/charts'
import { inputClass } from '../components/field'
import { card, cx, h2, muted, STAGE_FILL } from '../components/ui'

const PERIODS = [3, 6, 12, 24] as const
// Guide 3 "KPIs à suivre": minimum conversion per transition and the usual days per stage.
const CONVERSION_FLOOR: Partial<Record<string, number>> = {
  'PROSPECT→QUALIFICATION': 0.3,
  'QUALIFICATION→PROPOSITION': 0.5,
  'PROPOSITION→SIGNE': 0.4,
}
const USUAL_DAYS: Partial<Record<PipelineStage, number>> = { PROSPECT: 14, QUALIFICATION: 28, PROPOSITION: 21 }

export async function loader({ request, context }: Route.LoaderArgs) {
  const q = pipelineQuery(request)
  q.delete('q') // analytics aggregate; a name search does not apply
  const months = Number(new URL(request.url).searchParams.get('months') ?? 12)
  const from = new Date()
  from.setMonth(from.getMonth() - (PERIODS.includes(months as never) ? months : 12))
  q.set('from', from.toISOString())
  return apiJson<AnalyticsDto>(context, `/api/v1/pipeline/analytics?${q}`)
}

function Card({
  title,
  children,
  className,
  id,
}: {
  title: string
  children: React.ReactNode
  className?: string
  id: string
}) {
  return (
    <section className={cx(card, 'min-w-0 space-y-3 p-4', className)} aria-labelledby={id}>
      <h2 id={id} className={h2}>
        {title}
      </h2>
      {children}
    </section>
  )
}

export default function Analytics({ loaderData: a }: Route.ComponentProps) {
  useRevalidateEvery(30_000)
  const [params, setParams] = useSearchParams()
  const cycle = a.averageDaysInStage
    .filter((d) => d.stage !== 'SIGNE' && d.days != null)
    .reduce((s, d) => s + (d.days ?? 0), 0)
  const conversions = a.conversions.filter((c) => CONVERSION_FLOOR[`${c.from}→${c.to}`] !== undefined || c.entered > 0)
  const kpis: [string, string, string?][] = [
    [t('analytics.forecast'), formatMoneyCompact(a.forecast.amount), formatMoney(a.forecast.amount)],
    [t('analytics.open'), formatMoneyCompact(a.forecast.openAmount), formatMoney(a.forecast.openAmount)],
    [t('analytics.signed'), formatNumber(a.funnel.find((f) => f.stage === 'SIGNE')?.count ?? 0)],
    [t('analytics.cycle'), formatDays(cycle || null)],
  ]
  return (
    <div className="space-y-4" data-testid="pipeline-analytics">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <p className={cx(muted, 'text-sm')}>
          {t('analytics.window', { from: formatDate(a.from), to: formatDate(a.to) })}
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('analytics.period')}
          <select
            className={cx(inputClass, 'w-44 text-sm')}
            value={params.get('months') ?? '12'}
            onChange={(e) =>
              setParams(
                (p) => {
                  p.set('months', e.target.value)
                  return p
                },
                { preventScrollReset: true, replace: true },
              )
            }
          >
            {PERIODS.map((m) => (
              <option key={m} value={m}>
                {t('analytics.months', { count: m })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {kpis.map(([label, value, title]) => (
          <div key={label} className={cx(card, 'p-4')}>
            <dt className={cx(muted, 'text-sm')}>{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" title={title}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card id="a-funnel" title={t('analytics.funnel')}>
          <Funnel
            testId="funnel"
            caption={t('analytics.funnel')}
            head={[t('org.field.pipelineStage'), t('analytics.organisations')]}
            stages={a.funnel.map((f, i) => {
              // A funnel counts who reached each stage: those there now and those already further.
              const reached = a.funnel.slice(i).reduce((n, x) => n + x.count, 0)
              return {
                key: f.stage,
                label: labels.stage[f.stage],
                value: reached,
                display: formatNumber(reached),
                note: t('analytics.funnel.here', { count: f.count, amount: formatMoneyCompact(f.amount) }),
                fill: STAGE_FILL[f.stage],
              }
            })}
          />
          <p className={cx(muted, 'text-xs')}>{t('analytics.funnel.hint')}</p>
        </Card>
        <Card id="a-conversion" title={t('analytics.conversion')}>
          <HBars
            testId="conversion"
            caption={t('analytics.conversion')}
            head={[t('analytics.transition'), t('analytics.rate')]}
            max={1}
            bars={conversions.map((c) => ({
              key: `${c.from}-${c.to}`,
              label: `${labels.stage[c.from]} → ${labels.stage[c.to]}`,
              value: c.rate ?? 0,
              display: formatPercent(c.rate),
              note: t('analytics.converted', { converted: c.converted, entered: c.entered }),
              fill:
                c.rate != null && c.rate < (CONVERSION_FLOOR[`${c.from}→${c.to}`] ?? 0)
                  ? 'fill-red-600'
                  : STAGE_FILL[c.to],
              target: CONVERSION_FLOOR[`${c.from}→${c.to}`],
            }))}
          />
          <p className={cx(muted, 'text-xs')}>{t('analytics.conversion.hint')}</p>
        </Card>
        <Card id="a-duration" title={t('analytics.duration')}>
          <HBars
            testId="duration"
            caption={t('analytics.duration')}
            head={[t('org.field.pipelineStage'), t('analytics.days')]}
            bars={a.averageDaysInStage
              .filter((d) => d.stage !== 'SIGNE')
              .map((d) => ({
                key: d.stage,
                label: labels.stage[d.stage],
                value: d.days ?? 0,
                display: formatDays(d.days),
                note: t('analytics.stays', { count: d.stays }),
                fill: STAGE_FILL[d.stage],
                target: USUAL_DAYS[d.stage],
              }))}
          />
          <p className={cx(muted, 'text-xs')}>{t('analytics.duration.hint')}</p>
        </Card>
        <Card id="a-forecast" title={t('analytics.forecastTitle')}>
          <StackedBar
            testId="forecast"
            caption={t('analytics.forecastTitle')}
            head={[t('org.field.pipelineStage'), t('analytics.weighted')]}
            parts={a.forecast.byStage.map((f) => ({
              key: f.stage,
              label: labels.stage[f.stage],
              value: Number(f.weighted),
              display: formatMoneyCompact(f.weighted),
              fill: STAGE_FILL[f.stage],
            }))}
          />
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr
                  className={
                    'border-b border-slate-200 text-left text-xs uppercase text-slate-600 dark:border-slate-800 ' +
                    'dark:text-slate-400'
                  }
                >
                  <th scope="col" className="py-2 pr-2">
                    {t('org.field.pipelineStage')}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t('pipeline.amount')}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t('analytics.probability')}
                  </th>
                  <th scope="col" className="py-2 pl-2 text-right">
                    {t('analytics.weighted')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {a.forecast.byStage.map((f) => (
                  <tr key={f.stage}>
                    <th scope="row" className="py-2 text-left font-normal">
                      {labels.stage[f.stage]}
                    </th>
                    <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatMoney(f.amount)}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{formatPercent(f.probabilityPercent / 100)}</td>
                    <td className="whitespace-nowrap py-2 pl-2 text-right tabular-nums">{formatMoney(f.weighted)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-300 font-semibold dark:border-slate-700">
                  <th scope="row" className="py-2 text-left">
                    {t('analytics.total')}
                  </th>
                  <td />
                  <td />
                  <td className="whitespace-nowrap py-2 pl-2 text-right tabular-nums" data-testid="forecast-total">
                    {formatMoney(a.forecast.amount)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </Card>
      </div>
    </div>
  )
}
