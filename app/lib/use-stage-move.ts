// Moving an organisation in the pipeline from anywhere (badge menu, kanban, lists): one PATCH,
// a toast either way, and fresh loader data afterwards. Callers apply the move optimistically and
// roll back when this resolves to false.
import { useCallback } from 'react'
import { useRevalidator } from 'react-router'
import type { PipelineStage } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { useToast } from '../components/toasts'
import { api, problemMessage } from './api-client'

export type Movable = { id: string; name: string; pipelineStage: PipelineStage }

export function useStageMove() {
  const toast = useToast()
  const { revalidate } = useRevalidator()
  return useCallback(
    async (org: Movable, to: PipelineStage) => {
      if (org.pipelineStage === to) return true
      const r = await api(`/api/v1/organisations/${org.id}`, { method: 'PATCH', body: { pipelineStage: to } })
      if (!r.ok) {
        toast(
          t('pipeline.move.failed', { name: org.name, reason: problemMessage(r, t('common.networkError')) }),
          'error',
        )
        return false
      }
      toast(t('pipeline.move.done', { name: org.name, stage: labels.stage[to] }), 'success')
      revalidate()
      return true
    },
    [toast, revalidate],
  )
}
