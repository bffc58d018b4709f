// Daily: organisations stuck in a stage for more than 30 days are reported to their owner's
// manager (the managers of the owner's team), one notification per manager.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { Env } from '../env.ts'
import { STALE_AFTER_DAYS } from '../organisations/organisation.schema.ts'
import { pushToUser, storeNotifications, toNotificationDto } from '../notifications/notification.service.ts'

export async function reportStalePipeline(db: Db, env: Pick<Env, 'NOTIFICATION_HUB'>) {
  const rows = await db.execute<{ manager_id: string; count: number; names: string[] }>(sql`
    select m.id as manager_id, count(*)::int as count, (array_agg(o.name order by o.stage_changed_at))[1:5] as names
    from organisations o
    join users owner on owner.id = o.owner_id
    join users m on m.team_id = owner.team_id and m.role = 'manager' and m.is_active
    where o.deleted_at is null and o.pipeline_stage <> 'SIGNE'
      and o.stage_changed_at < now() - make_interval(days => ${STALE_AFTER_DAYS})
    group by m.id`)
  const day = new Date().toISOString().slice(0, 10)
  const stored = await storeNotifications(
    db,
    rows.rows.map((r) => ({
      userId: r.manager_id,
      type: 'pipeline.stale_report',
      priority: 'HIGH' as const,
      title: `${r.count} organisation(s) bloquée(s) depuis plus de ${STALE_AFTER_DAYS} jours`,
      message: `${r.names.join(', ')}${r.count > 5 ? '…' : ''} (${day})`,
      link: '/organisations?stale=true',
    })),
  )
  await Promise.allSettled(
    stored.map((n) => pushToUser(env, n.userId, { type: 'notification', notification: toNotificationDto(n) })),
  )
  return stored.length
}
