import { useEffect, useState } from 'react'
import { PIPELINE_STAGES, type PipelineStage } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { useStageMove, type Movable } from '../lib/use-stage-move'
import { Menu } from './menu'
import { badge, cx, STAGE_BADGE, staleBadge } from './ui'
import { Icon } from './icon'

export function StageBadge({ stage, className }: { stage: PipelineStage; className?: string }) {
  return (
    <span className={cx(badge, STAGE_BADGE[stage], className)} data-stage={stage}>
      {labels.stage[stage]}
    </span>
  )
}

export function StaleBadge({ isStale }: { isStale: boolean }) {
  if (!isStale) return null
  return (
    <span className={staleBadge} title={t('org.stale.hint')} data-testid="stale-badge">
      <Icon path="M12 7v5l3 2" className="h-3.5 w-3.5" strokeWidth={2.5}>
        <circle cx="12" cy="12" r="9" />
      </Icon>
      {t('org.stale')}
    </span>
  )
}

// The pipeline badge: a click opens the stages (guide 1, step 4). Read-only for those who may not edit.
export function StageMenu({ org, canEdit, size = 'sm' }: { org: Movable; canEdit: boolean; size?: 'sm' | 'lg' }) {
  const [stage, setStage] = useState(org.pipelineStage)
  const move = useStageMove()
  useEffect(() => setStage(org.pipelineStage), [org.pipelineStage])
  if (!canEdit) return <StageBadge stage={stage} className={size === 'lg' ? 'px-3 py-1 text-sm' : undefined} />
  const choose = async (to: PipelineStage) => {
    const before = stage
    setStage(to)
    if (!(await move({ ...org, pipelineStage: before }, to))) setStage(before)
  }
  return (
    <Menu
      label={
        <>
          {labels.stage[stage]}
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="currentColor">
            <path d="M5.5 7.5 10 12l4.5-4.5z" />
          </svg>
        </>
      }
      ariaLabel={t('pipeline.changeStageOf', { name: org.name, stage: labels.stage[stage] })}
      heading={t('pipeline.moveTo')}
      testId="stage-menu"
      buttonClassName={cx(
        badge,
        STAGE_BADGE[stage],
        'relative min-h-8 cursor-pointer before:absolute before:-inset-y-1.5 before:inset-x-0 ' +
          'before:content-[""] hover:ring-2 hover:ring-blue-500/40',
        size === 'lg' && 'px-3 py-1.5 text-sm',
      )}
      items={PIPELINE_STAGES.map((s) => ({
        label: labels.stage[s],
        checked: s === stage,
        onSelect: () => void choose(s),
        testId: `stage-option-${s}`,
      }))}
    />
  )
}
