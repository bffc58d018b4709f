// Demo data (first start) and large benchmark data sets.
//   npm run seed                                  demo data into the local database if it is empty
//   npm run seed -- --organisations 100000        large data set (generated in SQL, for benchmarks)
import { mkdirSync } from 'node:fs'
import { sql, type SQL } from 'drizzle-orm'
import { createDb, type Db } from '../worker/db/client.ts'
import * as s from '../worker/db/schema.ts'
import { hashPassword } from '../worker/auth/crypto.ts'
import { loadWithoutSecondaryIndexes } from './seed-bulk.ts'
import { ACTIVITY_TABLES, loadActivity } from './seed-activity.ts'
import {
  CATEGORIES,
  INTERACTION_TYPES,
  ORGANISATION_TYPES,
  PIPELINE_STAGES,
  TASK_PRIORITIES,
} from '../worker/db/enums.ts'
import {
  CITIES,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  NOTES,
  ORG_PREFIXES,
  ORG_ROOTS,
  ORG_SUFFIXES,
  PRODUCT_NAMES,
  makeIsin,
  rng,
} from './seed-data.ts'

export const DEMO_PASSWORD = 'Demo-Password-2026'
export const DEMO_USERS = [
  { email: 'admin@demo.crm', name: 'Alice Admin', role: 'admin', team: 'Paris' },
  { email: 'manager@demo.crm', name: 'Marc Manager', role: 'manager', team: 'Paris' },
  { email: 'sales@demo.crm', name: 'Sarah Commerciale', role: 'sales', team: 'Paris' },
  { email: 'viewer@demo.crm', name: 'Victor Lecteur', role: 'viewer', team: 'Paris' },
  { email: 'sales2@demo.crm', name: 'Sami Commercial', role: 'sales', team: 'Lyon' },
  { email: 'manager2@demo.crm', name: 'Mélanie Manager', role: 'manager', team: 'Lyon' },
] as const

const DAY = 86400_000
const chunk = <T>(arr: T[], n: number) =>
  Array.from({ length: Math.ceil(arr.length / n) }, (_, i) => arr.slice(i * n, i * n + n))

export async function isEmpty(db: Db) {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`)
  return r.rows[0]!.n === 0
}

export async function seedDemo(db: Db, { organisations: orgCount = 240, people: peopleCount = 520 } = {}) {
  const r = rng(2026)
  const now = Date.now()
  const teamRows = await db
    .insert(s.teams)
    .values([{ name: 'Équipe Paris' }, { name: 'Équipe Lyon' }])
    .returning()
  const teamId = (name: string) => teamRows.find((x) => x.name.endsWith(name))!.id
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const userRows = await db
    .insert(s.users)
    .values(
      DEMO_USERS.map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        teamId: teamId(u.team),
        passwordHash,
      })),
    )
    .returning()
  const byEmail = (e: string) => userRows.find((u) => u.email === e)!
  const owners = [
    byEmail('sales@demo.crm'),
    byEmail('sales@demo.crm'),
    byEmail('manager@demo.crm'),
    byEmail('sales2@demo.crm'),
    byEmail('manager2@demo.crm'),
  ]

  const usedNames = new Set<string>()
  const orgValues = Array.from({ length: orgCount }, (_, i) => {
    let name = ''
    do name = `${r.pick(ORG_PREFIXES)} ${r.pick(ORG_ROOTS)} ${r.pick(ORG_SUFFIXES)}`
    while (usedNames.has(name))
    usedNames.add(name)
    const owner = owners[i % owners.length]!
    const [city, postalCode] = r.pick(CITIES)
    const stage = PIPELINE_STAGES[i % 4]!
    const stageAge = r.int(1, 60)
    const slug = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
    return {
      name,
      type: ORGANISATION_TYPES[i % 4]!,
      category: CATEGORIES[r.int(0, 5)]!,
      pipelineStage: stage,
      amount: String(r.int(1, 400) * 5000),
      email: `contact@${slug}.fr`,
      phone: `01 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
      website: `https://www.${slug}.fr`,
      address: `${r.int(1, 120)} rue ${r.pick(ORG_ROOTS)}`,
      postalCode,
      city,
      country: 'France',
      notes: r.pick(NOTES),
      ownerId: owner.id,
      teamId: owner.teamId,
      isActive: r.next() > 0.08,
      stageChangedAt: new Date(now - stageAge * DAY),
      lastContactAt: r.next() > 0.15 ? new Date(now - r.int(0, 90) * DAY) : null,
      createdAt: new Date(now - (stageAge + r.int(5, 200)) * DAY),
    }
  })
  const orgRows = (
    await Promise.all(chunk(orgValues, 100).map((c) => db.insert(s.organisations).values(c).returning()))
  ).flat()

  // Stage history so the pipeline analytics have real transitions and durations.
  const stageHistory = orgRows.flatMap((o) => {
    const idx = PIPELINE_STAGES.indexOf(o.pipelineStage)
    const rows = []
    let t = o.createdAt.getTime()
    for (let k = 0; k <= idx; k++) {
      const at =
        k === idx ? o.stageChangedAt : new Date(Math.min(t + r.int(7, 35) * DAY, o.stageChangedAt.getTime() - DAY))
      rows.push({
        organisationId: o.id,
        fromStage: k === 0 ? null : PIPELINE_STAGES[k - 1]!,
        toStage: PIPELINE_STAGES[k]!,
        changedBy: o.ownerId,
        changedAt: k === 0 ? o.createdAt : at,
      })
      t = at.getTime()
    }
    return rows
  })
  for (const c of chunk(stageHistory, 200)) await db.insert(s.stageChanges).values(c)

  const personValues = Array.from({ length: peopleCount }, (_, i) => {
    const first = r.pick(FIRST_NAMES)
    const last = r.pick(LAST_NAMES)
    const org = orgRows[i % orgRows.length]!
    const mail = `${first}.${last}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
    return {
      firstName: first,
      lastName: last,
      personalEmail: `${mail}${i}@exemple.fr`,
      personalPhone: `06 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
      jobTitle: r.pick(JOB_TITLES),
      ownerId: org.ownerId,
      teamId: org.teamId,
    }
  })
  const personRows = (
    await Promise.all(chunk(personValues, 100).map((c) => db.insert(s.people).values(c).returning()))
  ).flat()
  const links = personRows.map((p, i) => {
    const org = orgRows[i % orgRows.length]!
    return {
      personId: p.id,
      organisationId: org.id,
      role: p.jobTitle,
      workEmail: `${p.firstName[0]}.${p.lastName}@${org.email!.split('@')[1]}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      isPrimary: i < orgRows.length,
    }
  })
  for (const c of chunk(links, 200)) await db.insert(s.personOrganisations).values(c)

  const issuers = orgRows.filter((o) => o.type === 'EMETTEUR')
  const productRows = await db
    .insert(s.products)
    .values(
      PRODUCT_NAMES.map((name, i) => ({
        name,
        isin: makeIsin(i % 3 === 0 ? 'LU' : 'FR', String(1000 + i * 7919)),
        category: CATEGORIES[i % 6]!,
        issuerId: issuers[i % issuers.length]?.id,
        description: `Produit ${name}, distribué en France.`,
      })),
    )
    .returning()

  const year = new Date().getFullYear()
  const signedOrgs = orgRows
    .filter((o) => o.pipelineStage === 'SIGNE' || o.pipelineStage === 'PROPOSITION')
    .slice(0, 70)
  const mandateValues = signedOrgs.map((o, i) => {
    const signed = o.pipelineStage === 'SIGNE'
    return {
      number: `M-${year}-${String(i + 1).padStart(3, '0')}`,
      organisationId: o.id,
      status: signed ? (i % 3 === 0 ? ('SIGNE' as const) : ('ACTIF' as const)) : ('EN_NEGOCIATION' as const),
      signedAt: signed ? o.stageChangedAt : null,
      startDate: signed ? o.stageChangedAt.toISOString().slice(0, 10) : null,
      amount: o.amount,
      ownerId: o.ownerId,
      teamId: o.teamId,
    }
  })
  const mandateRows = await db.insert(s.mandates).values(mandateValues).returning()
  await db.insert(s.mandateCounters).values({ year, last: mandateRows.length })
  await db
    .insert(s.mandateProducts)
    .values(mandateRows.map((m, i) => ({ mandateId: m.id, productId: productRows[i % productRows.length]!.id })))

  const interactionValues = Array.from({ length: 420 }, (_, i) => {
    const o = orgRows[r.int(0, orgRows.length - 1)]!
    const type = INTERACTION_TYPES[i % 4]!
    return {
      type,
      organisationId: o.id,
      userId: o.ownerId,
      teamId: o.teamId,
      occurredAt: new Date(now - r.int(0, 120) * DAY),
      subject: {
        CALL: 'Appel de suivi',
        EMAIL: 'Envoi de la documentation',
        MEETING: 'Rendez-vous de présentation',
        NOTE: 'Note interne',
      }[type],
      summary: r.pick(NOTES),
    }
  })
  for (const c of chunk(interactionValues, 200)) await db.insert(s.interactions).values(c)
  await db.execute(sql`update organisations o set last_contact_at = x.last from
    (select organisation_id, max(occurred_at) as last from interactions group by organisation_id) x
    where x.organisation_id = o.id`)
  // Each interaction involves its organisation's main contact, so timelines show people.
  await db.execute(sql`insert into interaction_people (interaction_id, person_id)
    select i.id, c.person_id from interactions i
    join lateral (select po.person_id from person_organisations po where po.organisation_id = i.organisation_id
      order by po.is_primary desc, po.person_id limit 1) c on true
    on conflict do nothing`)

  const taskTitles = [
    'Rappeler le directeur financier',
    'Envoyer la plaquette SCPI',
    'Préparer le comité',
    'Relancer la signature',
    'Mettre à jour le KYC',
    'Organiser un déjeuner',
  ]
  const taskValues = Array.from({ length: 160 }, (_, i) => {
    const o = orgRows[r.int(0, orgRows.length - 1)]!
    return {
      title: r.pick(taskTitles),
      organisationId: o.id,
      assigneeId: o.ownerId,
      createdBy: o.ownerId,
      teamId: o.teamId,
      dueAt: new Date(now + r.int(-15, 30) * DAY),
      priority: TASK_PRIORITIES[i % 4]!,
      status: i % 5 === 0 ? ('DONE' as const) : ('TODO' as const),
    }
  })
  await db.insert(s.tasks).values(taskValues)
  // The embedded database never analyses by itself: without statistics the planner guesses, and
  // the triggers' look-ups by organisation become passes over whole tables as the data grows.
  await db.execute(sql`analyze`)
  return {
    organisations: orgRows.length,
    people: personRows.length,
    products: productRows.length,
    mandates: mandateRows.length,
  }
}

// Large data sets are generated inside Postgres: one round trip per table, not one per row.
export async function seedLarge(db: Db, organisations: number) {
  const teams = await db.execute<{ id: string }>(sql`select id from teams order by name`)
  // The demo set first (users, teams, and the only products, mandates and interactions): seedDemo
  // with zero organisations would insert empty batches, which drizzle rejects.
  if (teams.rows.length === 0) await seedDemo(db)
  const arr = (xs: string[]) => sql`${`{${xs.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',')}}`}::text[]`
  const cities = CITIES.map((c) => c[0])
  // Each attribute is drawn apart (a hash of the row number and a salt): taken as g modulo their
  // counts, 12 name prefixes and 4 owners would give every "Gestion …" to one owner, and searches
  // would measure that coincidence instead of a sales user's real share of the matches.
  const draw = (salt: number, length: SQL) =>
    sql`1 + mod(hashint8(g::bigint * 16 + ${salt})::bigint + 2147483648, ${length})`
  const loadStarted = performance.now()
  const { indexes, rebuildMs } = await loadWithoutSecondaryIndexes(db, BULK_TABLES, async (tx) => {
    await tx.execute(sql`
    with owners as (select array_agg(id order by email) ids, array_agg(team_id order by email) teams
      from users where role in ('sales','manager'))
    insert into organisations (name, type, category, pipeline_stage, amount, email, city, postal_code, country, notes,
      owner_id, team_id, stage_changed_at, last_contact_at, created_at)
    select
      p.prefixes[1 + (g % array_length(p.prefixes,1))] || ' ' || p.roots[1 + ((g / 7) % array_length(p.roots,1))]
        || ' ' || p.suffixes[1 + ((g / 311) % array_length(p.suffixes,1))] || ' ' || g,
      (array['INVESTISSEUR','FOURNISSEUR','DISTRIBUTEUR','EMETTEUR'])[${draw(1, sql`4`)}]::organisation_type,
      (array['OPCVM','ETF','SCPI','SCI','ASSURANCE_VIE','PRIVATE_EQUITY'])[${draw(2, sql`6`)}]::category,
      st.stage,
      (g % 500) * 1000, 'contact' || g || '@exemple.fr', p.cities[${draw(4, sql`array_length(p.cities,1)`)}],
      lpad(((g * 37) % 95000 + 1000)::text, 5, '0'), 'France',
      p.notes[${draw(5, sql`array_length(p.notes,1)`)}],
      o.ids[w.owner], o.teams[w.owner],
      now() - make_interval(days => st.days), now() - make_interval(days => g % 120),
      now() - make_interval(days => st.days + 60 + g % 400)
    from generate_series(1, ${organisations}) g,
      (select ${arr(ORG_PREFIXES)} prefixes, ${arr(ORG_ROOTS)} roots, ${arr(ORG_SUFFIXES)} suffixes,
        ${arr(cities)} cities, ${arr(NOTES)} notes) p,
      owners o, lateral (select ${draw(6, sql`array_length(o.ids,1)`)} as owner) w,
      -- An organisation reached its stage within the last 90 days, or, once signed, within two years:
      -- signatures accumulate, a quarter holds about an eighth of them.
      lateral (select s.stage, case when s.stage = 'SIGNE' then g % 730 else g % 90 end as days
        from (select (array['PROSPECT','QUALIFICATION','PROPOSITION','SIGNE'])[${draw(3, sql`4`)}]::pipeline_stage
          as stage) s) st`)
    // People are created already linked to one of the new organisations and owned like it: ids are
    // drawn up front so people and links come from one statement, and no 200,000-row UPDATE
    // afterwards recomputes every person's search columns a second time.
    await tx.execute(sql`
    with o as materialized (select id, owner_id, team_id, row_number() over (order by created_at, id) rn
        from organisations
        where not exists (select 1 from person_organisations po where po.organisation_id = organisations.id)),
      src as materialized (select gen_random_uuid() pid, g, o.id oid, o.owner_id, o.team_id,
          g <= (select count(*) from o) prim
        from generate_series(1, ${organisations * 2}) g join o on o.rn = 1 + (g - 1) % (select count(*) from o)),
      ins as (insert into people
          (id, first_name, last_name, personal_email, job_title, owner_id, team_id, org_owner_ids)
        select src.pid, f.names[1 + g % array_length(f.names,1)], l.names[1 + (g / 3) % array_length(l.names,1)],
          'personne' || g || '@exemple.fr',
          j.titles[1 + g % array_length(j.titles,1)], src.owner_id, src.team_id, array_remove(array[src.owner_id], null)
        from src, (select ${arr(FIRST_NAMES)} names) f, (select ${arr(LAST_NAMES)} names) l,
          (select ${arr(JOB_TITLES)} titles) j)
    insert into person_organisations (person_id, organisation_id, role, is_primary)
    select pid, oid, 'Contact', prim from src`)
  })
  const activity = await loadWithoutSecondaryIndexes(db, ACTIVITY_TABLES, loadActivity)
  const loadMs = performance.now() - loadStarted - rebuildMs - activity.rebuildMs
  // VACUUM too: PGlite runs no autovacuum, and without the visibility map the index-only scans
  // (stage totals, cursors) read the heap; ANALYZE gives the planner the new tables' sizes.
  const vacuumStarted = performance.now()
  await db.execute(sql`vacuum analyze`)
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  const vacuumMs = performance.now() - vacuumStarted
  console.log(
    `load ${secs(loadMs)}, ${indexes + activity.indexes} indexes rebuilt in ${secs(rebuildMs + activity.rebuildMs)}, ` +
      `vacuum analyze ${secs(vacuumMs)}`,
  )
}

// The tables the large seed fills, directly or through their triggers.
const BULK_TABLES = ['organisations', 'people', 'person_organisations', 'search_name_tails', 'search_terms']

function arg(name: string) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

if (import.meta.main) {
  const { startLocalDb } = await import('./local-db.ts')
  const { runMigrations } = await import('./migrate.ts')
  const started = Date.now()
  const dataDir = arg('data-dir') ?? '.data/pg'
  // A fresh clone has no .data yet: PGlite would fail with ENOENT on its parent directory.
  if (!process.env.DATABASE_URL) mkdirSync(dataDir, { recursive: true })
  const local = process.env.DATABASE_URL
    ? null
    : await startLocalDb({ dataDir }).catch((e) => {
        console.error(`Cannot open ${dataDir} (is npm start running? stop it first, or pass --data-dir): ${e}`)
        process.exit(1)
      })
  // A plain Postgres (not Neon) is reached through a local WebSocket bridge (scripts/db-bridge.ts).
  const { bridgeFor } = await import('./db-bridge.ts')
  const bridge = local ? null : await bridgeFor(process.env.DATABASE_URL!)
  const config = local
    ? { DATABASE_URL: local.databaseUrl, DB_WS_PROXY: local.wsProxy }
    : { DATABASE_URL: process.env.DATABASE_URL!, DB_WS_PROXY: bridge!.wsProxy }
  await runMigrations(config)
  const { db, pool } = createDb(config)
  const large = arg('organisations')
  if (large) {
    const n = Number(large)
    if (!Number.isInteger(n) || n < 1 || n > 2_000_000) {
      console.error('--organisations must be an integer between 1 and 2000000')
      process.exit(1)
    }
    await seedLarge(db, n)
    console.log(`seeded ${n} organisations and ${n * 2} people in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } else if (await isEmpty(db)) {
    console.log('seeded demo data', await seedDemo(db))
  } else {
    console.log('database already has data: demo seed skipped')
  }
  await pool.end()
  await local?.stop()
  await bridge?.stop()
}
