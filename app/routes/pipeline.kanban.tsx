// Pipeline, kanban view: a column per stage with its count and total amount. Cards move by drag
// and drop (mouse), by keyboard (the grip: Space, ←/→, Space; Esc cancels) or with the
// "Déplacer vers" menu (touch screens). Moves are optimistic and rolled back with a toast when
// the API refuses them.
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { Route } from './+types/pipeline.kanban'
import { apiJson } from '../lib/api.server'
import { findCard, relocate, restore } from '../lib/board'
import { daysSince, pipelineQuery, PIPELINE_STAGES } from '../lib/pipeline'
import { api } from '../lib/api-client'
import { labels, t } from '../i18n/fr'
import { formatDays, formatMoney, formatMoneyCompact, formatNumber } from '../lib/format'
import { useCan } from '../lib/use-me'
import { useStageMove } from '../lib/use-stage-move'
import type { BoardDto, ColumnDto, OrganisationDto, Page } from '../lib/types'
import type { PipelineStage } from '../../worker/db/enums'
import { Menu } from '../components/menu'
import { StaleBadge } from '../components/stage-badge'
import { useToast } from '../components/toasts'
import { btn, cx, link, muted, STAGE_BORDER } from '../components/ui'

// Cards a column shows first: 8 fill a phone's screen and a desktop column's scroll area; the API's
// 20 were hydrated (a link, a menu, a grip each) before a phone could respond. "Afficher plus" loads
// the rest (20 at a time).
const FIRST_CARDS = 8

export async function loader({ request, context }: Route.LoaderArgs) {
  const q = pipelineQuery(request)
  q.set('active', 'true')
  const filters = q.toString()
  q.set('limit', String(FIRST_CARDS))
  return { board: await apiJson<BoardDto>(context, `/api/v1/pipeline/board?${q}`), filters }
}

type Grab = { id: string; target: PipelineStage }

export default function Kanban({ loaderData }: Route.ComponentProps) {
  const can = useCan()
  const canMove = can('organisations:update')
  const [board, setBoard] = useState<ColumnDto[]>(loaderData.board.columns)
  const [dragId, setDragId] = useState<string | null>(null)
  const [over, setOver] = useState<PipelineStage | null>(null)
  const [grab, setGrab] = useState<Grab | null>(null)
  const [announce, setAnnounce] = useState('')
  const move = useStageMove()
  const toast = useToast()
  const pending = useRef(0)

  // Fresh data from the server wins, except while a move of ours is in flight.
  useEffect(() => {
    if (pending.current === 0) setBoard(loaderData.board.columns)
  }, [loaderData])

  const moveCard = async (id: string, to: PipelineStage) => {
    const hit = findCard(board, id)
    if (!hit || hit.col.stage === to) return
    const original = hit.card
    pending.current++
    setBoard((b) => relocate(b, id, to))
    setAnnounce(t('kanban.moved', { name: original.name, stage: labels.stage[to] }))
    const ok = await move(original, to)
    pending.current--
    if (!ok) {
      setBoard((b) => restore(b, original))
      setAnnounce(t('kanban.rolledBack', { name: original.name, stage: labels.stage[original.pipelineStage] }))
    }
  }

  const loadMore = async (col: ColumnDto) => {
    if (!col.nextCursor) return
    const q = new URLSearchParams(loaderData.filters)
    q.set('stage', col.stage)
    q.set('sort', '-amount')
    q.set('limit', '20')
    q.set('cursor', col.nextCursor)
    const r = await api<Page<OrganisationDto>>(`/api/v1/organisations?${q}`)
    if (!r.ok) {
      toast(t('common.failed'), 'error')
      return
    }
    setBoard((b) =>
      b.map((c) =>
        c.stage === col.stage
          ? {
              ...c,
              cards: [...c.cards, ...r.data.data.filter((x) => !c.cards.some((y) => y.id === x.id))],
              nextCursor: r.data.nextCursor,
            }
          : c,
      ),
    )
  }

  const onGripKey = (e: React.KeyboardEvent, card: OrganisationDto) => {
    const stages = PIPELINE_STAGES
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault()
      if (!grab) {
        setGrab({ id: card.id, target: card.pipelineStage })
        setAnnounce(t('kanban.grabbed', { name: card.name, stage: labels.stage[card.pipelineStage] }))
      } else {
        const target = grab.target
        setGrab(null)
        if (target === card.pipelineStage) setAnnounce(t('kanban.dropSame', { name: card.name }))
        else void moveCard(card.id, target)
      }
    } else if (grab && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault()
      const i = stages.indexOf(grab.target) + (e.key === 'ArrowRight' ? 1 : -1)
      const target = stages[Math.min(stages.length - 1, Math.max(0, i))]!
      setGrab({ ...grab, target })
      setAnnounce(t('kanban.target', { stage: labels.stage[target] }))
    } else if (grab && e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      setGrab(null)
      setAnnounce(t('kanban.cancelled', { name: card.name }))
    }
  }

  const highlighted = grab?.target ?? over
  return (
    <div className="space-y-3">
      <p id="kanban-help" className={cx(muted, 'hidden text-sm md:block')}>
        {t('kanban.help')}
      </p>
      <p className={cx(muted, 'text-sm')} data-testid="kanban-scope">
        {t('kanban.scope')}
      </p>
      <p aria-live="assertive" className="sr-only" data-testid="kanban-live">
        {announce}
      </p>
      <div
        className={
          'relative -mx-3 flex snap-x snap-mandatory gap-3 overflow-x-auto px-3 pb-2 md:mx-0 md:grid md:grid-cols-4 ' +
          'md:overflow-visible md:px-0'
        }
        data-testid="kanban"
      >
        {board.map((col) => (
          <section
            key={col.stage}
            aria-labelledby={`col-${col.stage}`}
            data-testid={`kanban-column-${col.stage}`}
            data-stage={col.stage}
            onDragOver={(e) => {
              if (dragId) {
                e.preventDefault()
                e.dataTransfer.dropEffect = 'move'
                if (over !== col.stage) setOver(col.stage)
              }
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node)) setOver((o) => (o === col.stage ? null : o))
            }}
            onDrop={(e) => {
              e.preventDefault()
              const id = e.dataTransfer.getData('text/plain') || dragId
              setOver(null)
              setDragId(null)
              if (id) void moveCard(id, col.stage)
            }}
            className={cx(
              'flex w-[85vw] max-w-sm shrink-0 snap-start flex-col rounded-lg border-t-4 bg-slate-100 ' +
                'md:w-auto md:max-w-none dark:bg-slate-900',
              STAGE_BORDER[col.stage],
              highlighted === col.stage && 'ring-2 ring-blue-600 dark:ring-blue-400',
            )}
          >
            <header className="flex items-baseline justify-between gap-2 px-3 py-2">
              <h2 id={`col-${col.stage}`} className="font-semibold">
                {labels.stage[col.stage]}
              </h2>
              <span className="text-sm text-slate-700 dark:text-slate-300" data-testid="column-count">
                <span className="sr-only">{t('kanban.count')} </span>
                {formatNumber(col.count)}
              </span>
            </header>
            <p
              className="px-3 pb-2 text-sm font-medium tabular-nums text-slate-800 dark:text-slate-200"
              data-testid="column-total"
              title={formatMoney(col.totalAmount)}
            >
              {t('kanban.total')} {formatMoneyCompact(col.totalAmount)}
            </p>
            <ul
              className={
                'flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2 ' + 'md:max-h-[calc(100dvh-20rem)] md:overflow-y-auto'
              }
            >
              {col.cards.length === 0 ? (
                <li
                  className={cx(
                    muted,
                    'rounded-md border border-dashed border-slate-300 p-4 text-center text-sm dark:border-slate-700',
                  )}
                >
                  {t('kanban.emptyColumn')}
                </li>
              ) : null}
              {col.cards.map((card) => (
                <li
                  key={card.id}
                  draggable={canMove}
                  data-testid="kanban-card"
                  data-id={card.id}
                  data-dragging={dragId === card.id || grab?.id === card.id || undefined}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/plain', card.id)
                    e.dataTransfer.effectAllowed = 'move'
                    setDragId(card.id)
                  }}
                  onDragEnd={() => {
                    setDragId(null)
                    setOver(null)
                  }}
                  className={cx(
                    'rounded-md border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700 dark:bg-slate-800',
                    canMove && 'md:cursor-grab',
                    grab?.id === card.id && 'ring-2 ring-blue-600 dark:ring-blue-400',
                  )}
                >
                  <div className="flex items-start gap-2">
                    <Link
                      to={`/organisations/${card.id}`}
                      draggable={false}
                      className={cx(link, 'min-w-0 flex-1 break-words font-medium')}
                    >
                      {card.name}
                    </Link>
                    {canMove ? (
                      <button
                        type="button"
                        aria-describedby="kanban-help"
                        aria-pressed={grab?.id === card.id}
                        data-testid="kanban-grip"
                        aria-label={t('kanban.grip', { name: card.name, stage: labels.stage[card.pipelineStage] })}
                        onKeyDown={(e) => onGripKey(e, card)}
                        onBlur={() => {
                          if (grab?.id === card.id) setGrab(null)
                        }}
                        className={
                          'hidden h-8 w-8 shrink-0 cursor-grab items-center justify-center rounded text-slate-500 ' +
                          'hover:bg-slate-100 md:pointer-fine:inline-flex dark:text-slate-400 ' +
                          'dark:hover:bg-slate-700'
                        }
                      >
                        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="currentColor">
                          <circle cx="9" cy="6" r="1.6" />
                          <circle cx="15" cy="6" r="1.6" />
                          <circle cx="9" cy="12" r="1.6" />
                          <circle cx="15" cy="12" r="1.6" />
                          <circle cx="9" cy="18" r="1.6" />
                          <circle cx="15" cy="18" r="1.6" />
                        </svg>
                      </button>
                    ) : null}
                  </div>
                  <p className="mt-1 text-sm font-semibold tabular-nums">{formatMoney(card.amount)}</p>
                  <div className={cx(muted, 'mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs')}>
                    <span>
                      {labels.type[card.type]}
                      {card.city ? ` · ${card.city}` : ''}
                    </span>
                    <span title={t('pipeline.inStage')}>{formatDays(daysSince(card.stageChangedAt))}</span>
                    <StaleBadge isStale={card.isStale} />
                  </div>
                  {canMove ? (
                    <div className="mt-2 md:pointer-fine:hidden">
                      <Menu
                        label={
                          <>
                            {t('kanban.moveTo')} <span aria-hidden="true">▾</span>
                          </>
                        }
                        ariaLabel={t('kanban.moveToFor', { name: card.name })}
                        heading={t('kanban.moveTo')}
                        buttonClassName={cx(btn.secondary, 'w-full')}
                        testId="move-menu"
                        items={PIPELINE_STAGES.map((s) => ({
                          label: labels.stage[s],
                          checked: s === card.pipelineStage,
                          onSelect: () => void moveCard(card.id, s),
                          testId: `move-to-${s}`,
                        }))}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            {col.nextCursor ? (
              <button type="button" className={cx(btn.ghost, 'mx-2 mb-2')} onClick={() => loadMore(col)}>
                {t('kanban.more', { count: col.count - col.cards.length })}
              </button>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  )
}
