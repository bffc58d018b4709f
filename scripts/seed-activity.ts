// The large seed's activity, in proportion to its organisations: two interactions each (with the
// organisation's main contact), a task for every other one, the stage history of each, and a
// signed mandate for each organisation at SIGNE. Without it the dashboard, analytics and
// timelines were measured over the demo set's 420 interactions, 160 tasks and 70 mandates
// whatever the number of organisations, which hid any read that grows with the activity.
// Generated in SQL from the organisations themselves: owners, teams and dates agree with them.
import { sql } from 'drizzle-orm'
import type { TxOrDb } from '../worker/shared/tx.ts'

// The tables this load fills, directly or through their triggers (search terms and name tails).
export const ACTIVITY_TABLES = [
  'interactions',
  'interaction_people',
  'tasks',
  'stage_changes',
  'mandates',
  'mandate_products',
  'search_terms',
  'search_name_tails',
] as const

// A deterministic draw in [0, n) from the row's number and a salt, as the organisations' seed does.
const draw = (salt: number, n: number) => sql.raw(`mod(hashint8(g::bigint * 16 + ${salt})::bigint + 2147483648, ${n})`)

export async function loadActivity(tx: TxOrDb) {
  // The organisations the large seed added (not the demo set's, which have their own activity).
  await tx.execute(sql`
    create temporary table bulk_orgs on commit drop as
    select id, owner_id, team_id, pipeline_stage, amount, stage_changed_at, created_at,
      row_number() over (order by created_at, id) as g
    from organisations o
    where not exists (select 1 from interactions i where i.organisation_id = o.id)
      and not exists (select 1 from stage_changes c where c.organisation_id = o.id)`)
  await tx.execute(sql`
    insert into interactions (type, organisation_id, user_id, team_id, occurred_at, subject, summary, created_at)
    select t.type::interaction_type, o.id, o.owner_id, o.team_id, t.at,
      (array['Appel de suivi','Envoi de la documentation','Rendez-vous de présentation','Note interne'])[t.k + 1],
      'Échange sur les besoins de l''investisseur.', t.at
    from bulk_orgs o, lateral (
      select k, (array['CALL','EMAIL','MEETING','NOTE'])[k + 1] as type,
        now() - make_interval(days => ${draw(1, 365)}::int + k * 17, secs => ${draw(2, 86400)}::int) as at
      from (select ((g + s) % 4)::int as k from generate_series(0, 1) s) k) t`)
  await tx.execute(sql`
    insert into interaction_people (interaction_id, person_id)
    select i.id, po.person_id from interactions i
    join bulk_orgs o on o.id = i.organisation_id
    join person_organisations po on po.organisation_id = i.organisation_id and po.is_primary
    on conflict do nothing`)
  await tx.execute(sql`
    insert into tasks (title, organisation_id, assignee_id, created_by, team_id, due_at, priority, status,
      completed_at, created_at)
    select (array['Rappeler le directeur financier','Envoyer la plaquette SCPI','Préparer le comité',
        'Relancer la signature','Mettre à jour le KYC','Organiser un déjeuner'])[1 + ${draw(3, 6)}],
      o.id, o.owner_id, o.owner_id, o.team_id, d.due,
      (array['LOW','NORMAL','HIGH','URGENT'])[1 + ${draw(4, 4)}]::task_priority, st.status::task_status,
      case when st.status = 'DONE' then d.due end, d.due - interval '20 days'
    from bulk_orgs o,
      lateral (select now() + make_interval(days => ${draw(5, 121)}::int - 60) as due) d,
      lateral (select (array['DONE','DONE','DONE','DONE','DONE','DONE','DONE','DONE','DONE','TODO','TODO',
        'TODO','TODO','TODO','TODO','TODO','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS','CANCELLED'])[1 + ${draw(6, 20)}]
        as status) st
    where g % 2 = 0`)
  // Each organisation enters at PROSPECT when created, then moves to its stage.
  await tx.execute(sql`
    insert into stage_changes (organisation_id, from_stage, to_stage, changed_by, changed_at)
    select id, null, 'PROSPECT', owner_id, created_at from bulk_orgs
    union all
    select id, (array['PROSPECT','PROSPECT','QUALIFICATION','PROPOSITION'])[array_position(
        array['PROSPECT','QUALIFICATION','PROPOSITION','SIGNE']::pipeline_stage[], pipeline_stage)]::pipeline_stage,
      pipeline_stage, owner_id, stage_changed_at
    from bulk_orgs where pipeline_stage <> 'PROSPECT'`)
  // Mandate numbers continue the year's counter, as the app would have numbered them (padded to 3
  // digits like the app's; lpad alone would cut longer numbers to 3).
  await tx.execute(sql`
    with year as (select extract(year from now())::int as y),
      counter as (insert into mandate_counters (year, last) select y, 0 from year
        on conflict (year) do update set last = mandate_counters.last returning last),
      signed as (select o.*, row_number() over (order by o.g) as n from bulk_orgs o where pipeline_stage = 'SIGNE'),
      added as (insert into mandates (number, organisation_id, status, signed_at, start_date, amount, owner_id, team_id)
        select 'M-' || y || '-' || lpad((c.last + n)::text, greatest(3, length((c.last + n)::text)), '0'), s.id,
          case when n % 3 = 0 then 'SIGNE' else 'ACTIF' end::mandate_status, s.stage_changed_at,
          (s.stage_changed_at at time zone 'UTC')::date, s.amount, s.owner_id, s.team_id
        from signed s, counter c, year
        returning id, number)
    insert into mandate_products (mandate_id, product_id)
    select a.id, p.id from (select id, row_number() over (order by number) as n from added) a
    join (select id, row_number() over (order by id) - 1 as k, count(*) over () as total from products) p
      on p.k = a.n % p.total`)
  await tx.execute(sql`
    update mandate_counters set last = last + (select count(*) from bulk_orgs where pipeline_stage = 'SIGNE')
    where year = extract(year from now())::int`)
}
