// A pipeline move: recorded with its time, automations applied in the same transaction
// (so the automatic task exists as soon as the move does), and an event for the rest.
import type { Tx } from '../shared/tx.ts'
import { stageChanges, tasks } from '../db/schema.ts'
import type { PipelineStage } from '../db/enums.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { emitEvent } from '../events/outbox.ts'
import type { OrganisationDto } from '../organisations/organisation.service.ts'
import { taskDto } from '../tasks/task.service.ts'
import { STAGE_TASKS } from './pipeline.schema.ts'

// The organisation as the API returns it after the move: events carry it as it is.
type Org = OrganisationDto

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
    await emitEvent(tx, 'task.created', user, { task: await taskDto(tx, user, task!.id) })
  }
  await emitEvent(tx, 'organisation.stage_changed', user, { organisation: org, from, to })
}
