// A pipeline move: recorded with its time, automations applied in the same transaction
// (so the automatic task exists as soon as the move does), and an event for the rest.
import type { Tx } from '../shared/tx.ts'
import { type organisations, stageChanges, tasks } from '../db/schema.ts'
import type { PipelineStage } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { emitEvent } from '../events/outbox.ts'
import { STAGE_TASKS } from './pipeline.schema.ts'

type Org = typeof organisations.$inferSelect

export async function applyStageChange(
  tx: Tx,
  user: AuthUser,
  org: Org,
  from: PipelineStage | null,
  to: PipelineStage,
) {
  await tx.insert(stageChanges).values({ organisationId: org.id, fromStage: from, toStage: to, changedBy: user.id })
  if (from === null) return
  const auto = STAGE_TASKS[to]
  if (auto) {
    const [task] = await tx
      .insert(tasks)
      .values({
        title: auto.title,
        organisationId: org.id,
        assigneeId: org.ownerId ?? user.id,
        createdBy: user.id,
        teamId: org.teamId,
        dueAt: new Date(Date.now() + auto.dueInDays * 86400_000),
        priority: 'HIGH',
      })
      .returning()
    await emitEvent(tx, 'task.created', user, {
      task: {
        id: task!.id,
        title: task!.title,
        organisationId: org.id,
        assigneeId: task!.assigneeId,
        updatedAt: task!.updatedAt.toISOString(),
      },
    })
  }
  await emitEvent(tx, 'organisation.stage_changed', user, {
    organisation: {
      id: org.id,
      name: org.name,
      ownerId: org.ownerId,
      teamId: org.teamId,
      updatedAt: org.updatedAt.toISOString(),
    },
    from,
    to,
  })
}
