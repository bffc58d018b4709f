// Global search and autocomplete: one SQL statement for all kinds of record (after at most one
// look-up of the typed words: corrections, French stems), ranked in Postgres, highlighted here.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { decodeOpaque, encodeOpaque } from '../shared/cursor.ts'
import { escapeLike } from '../shared/like.ts'
import { KINDS, type Filters, type Kind } from './search-kinds.ts'
import { compileQuery, type CompiledQuery } from './search-query.ts'
import type { AutocompleteQuery, SearchGroup, SearchHit, SearchQuery, SearchType } from './search.schema.ts'
import { toHit, type Row } from './search-hits.ts'

// Ranking every match of a very common word ("paris": thousands of organisations) would cost
// milliseconds per thousand rows, so each kind ranks at most POOL full-text matches, plus its
// POOL first name matches and its best whole-name prefixes; matches are counted up to COUNT_CAP
// ("more than 100"). A query matching fewer than POOL records (the usual case) ranks them all.
export const POOL = 100
export const COUNT_CAP = POOL
const PREFIX_POOL = 20
const AUTOCOMPLETE_POOL = 50

const MARKS = [
  'StartSel=\uE000',
  'StopSel=\uE001',
  'MaxWords=16',
  'MinWords=6',
  'ShortWord=2',
  'MaxFragments=1',
  'FragmentDelimiter=" … "',
].join(', ')

type Cursor = { t: SearchType; o: number }

export const encodeSearchCursor = (c: Cursor) => encodeOpaque(c)

const isSearchCursor = (c: unknown): c is Cursor =>
  typeof c === 'object' &&
  c !== null &&
  KINDS.some((k) => k.type === (c as Cursor).t) &&
  Number.isInteger((c as Cursor).o) &&
  (c as Cursor).o > 0 &&
  (c as Cursor).o < POOL

const decodeSearchCursor = (cursor: string) => decodeOpaque(cursor, isSearchCursor)

const hasFilters = (f: Filters) => Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)))

function readableKinds(user: AuthUser, types: SearchType[] | undefined, exclude: SearchType[] = []) {
  return KINDS.filter(
    (k) =>
      user.permissions.has(k.permission) && !exclude.includes(k.type) && (!types?.length || types.includes(k.type)),
  )
}

// Exact whole name, then a name starting with what was typed, then any name word, then the other
// fields by weight (e-mail and city, notes, address); shorter names first among name matches.
// `row` is the table or a subquery carrying its search_name and search_vector.
function rankOf(row: SQL, q: CompiledQuery) {
  const prefix = `${escapeLike(q.phrase)}%`
  return sql`(case when ${row}.search_name = ${q.phrase} then 3 else 0 end
    + case when ${row}.search_name like ${prefix} then 2 else 0 end
    + case when ${row}.search_vector @@ ${q.namesWeighted} then 1 + 0.5 / (1 + length(${row}.search_name) / 10.0)
      else 0 end
    + 5 * ts_rank(${row}.search_vector, ${q.full}))::float8`
}

// Scope and filters checked row by row, on the rows the search reads: alone, the planner may
// turn a scope's `owner = me or exists (...)` into a hash of everything the caller can see,
// built before the first row (200 ms for a sales user's 50,000 contacts). OFFSET 0 keeps the
// condition a per-row check.
const checked = (where: SQL) => sql`exists (select 1 where ${where} offset 0)`

// Whole names starting with the prefix, first in alphabetical order: the "C" collation is that of
// the index (migrations/0002_search_name_tails.sql), which gives LIKE its range and ORDER BY its
// order, so the LIMIT stops the read.
const nameStarts = (t: SQL, prefix: string, where: SQL) =>
  sql`${t}.search_name collate "C" like ${prefix} and ${checked(where)} order by ${t}.search_name collate "C"`

// Records whose name, from one of its words on, starts with what was typed (or with a corrected
// last word): a btree range of search_name_tails read only as far as `limit` visible records,
// whatever the number of names sharing that beginning. Duplicates (two words of one name) are
// removed by the UNION the callers put around it.
function namesStartingWith(k: Kind, where: SQL, q: CompiledQuery, limit: number) {
  const t = k.table
  // The record is checked row by row (OFFSET 0 again): joined, the planner may hash the whole
  // range of tails against a scan of the table (65 ms for "banque saint hono") rather than stop.
  return q.starts.map(
    (start) => sql`(select tl.record_id as id from search_name_tails tl
    where tl.kind = ${k.type} and tl.tail like ${`${escapeLike(start)}%`}
      and exists (select 1 from ${t} where ${t}.id = tl.record_id and ${where} offset 0) limit ${limit})`,
  )
}

// The matches are a CTE without LIMIT, read only as far as needed (count up to COUNT_CAP, rank
// the first POOL): planned for all its rows, it takes the GIN index, where a LIMIT inside would
// tempt the planner into a sequential scan that evaluates the tsquery row by row.
function kindSearch(k: Kind, user: AuthUser, where: SQL, q: CompiledQuery | null, limit: number, offset: number) {
  const t = k.table
  const m = sql.identifier(`m_${k.type}`)
  const c = sql.identifier(`c_${k.type}`)
  const n = sql.identifier(`n_${k.type}`)
  const r = sql.identifier(`r_${k.type}`)
  const ctes: SQL[] = []
  if (q) {
    const matches = sql`(${t}.search_vector @@ ${q.full}${k.alsoMatches ? sql` or ${k.alsoMatches(user, q)}` : sql``})`
    const prefix = `${escapeLike(q.phrase)}%`
    const more = sql`(select n from ${n}) > ${POOL}`
    // Too many matches to rank them all: the names among them are found apart, by their
    // beginnings (or, for interactions, the names' own full-text index).
    const nameMatches = k.tails
      ? sql.join(namesStartingWith(k, where, q, POOL), sql` union `)
      : sql`select ${t}.id from ${t} where ${k.names} @@ ${q.names} and ${checked(where)} limit ${POOL}`
    ctes.push(
      sql`${m} as materialized (select ${t}.id, ${t}.search_name, ${t}.search_vector from ${t}
        where ${matches} and ${checked(where)})`,
      sql`${n} as (select count(*)::int as n from (select 1 from ${m} limit ${COUNT_CAP + 1}) x)`,
      // Rows are identical whichever branch finds them, so UNION removes the duplicates.
      sql`${c} as (
        (select a.id, a.search_name, ${rankOf(sql`a`, q)} as rank from (select * from ${m} limit ${POOL}) a)
        union (select ${t}.id, ${t}.search_name, ${rankOf(t, q)} from ${t}
          where ${more} and ${t}.id in (${nameMatches}))
        union (select ${t}.id, ${t}.search_name, ${rankOf(t, q)} from ${t}
          where ${more} and ${nameStarts(t, prefix, where)} limit ${PREFIX_POOL}))`,
      sql`${r} as (select id, rank, row_number() over (order by rank desc, search_name, id) as ord from ${c}
        order by rank desc, search_name, id limit ${limit} offset ${offset})`,
    )
  } else {
    ctes.push(
      sql`${n} as (select count(*)::int as n from (select 1 from ${t} where ${where} limit ${COUNT_CAP + 1}) x)`,
      sql`${r} as (select s.*, row_number() over () as ord from (select ${t}.id, 0::float8 as rank from ${t}
        where ${where} order by ${t}.search_name, ${t}.id limit ${limit} offset ${offset}) s)`,
    )
  }
  const headline =
    q && k.longText ? sql`ts_headline('crm_french', ${k.longText}, ${q.full}, ${MARKS})` : sql`null::text`
  // From the count, so a kind with no result on this page still reports its total.
  const select = sql`select ${k.type}::text as type, x.id, ${r}.rank, ${r}.ord, ${n}.n as total,
    ${k.data(user)} as data, ${headline} as headline
    from ${n} left join (${r} join ${k.table} x on x.id = ${r}.id) on true`
  return { ctes, select }
}

export async function search(
  db: Db,
  user: AuthUser,
  query: SearchQuery,
): Promise<{ query: string; groups: SearchGroup[] }> {
  const { q: text, types, limit, cursor, ...filters } = query
  const page = cursor ? decodeSearchCursor(cursor) : null
  const compiled = await compileQuery(db, text)
  if (!compiled && !hasFilters(filters)) return { query: text, groups: [] }
  const kinds = readableKinds(user, page ? [page.t] : types)
    .map((k) => ({ k, where: k.where(user, filters) }))
    .filter((x): x is { k: Kind; where: SQL } => x.where !== null)
  if (kinds.length === 0) return { query: text, groups: [] }
  const offset = page?.o ?? 0
  const size = Math.max(0, Math.min(limit, POOL - offset))
  const parts = kinds.map(({ k, where }) => kindSearch(k, user, where, compiled, size, offset))
  // Each kind is its own subquery with its own CTEs: planned apart, the whole plans in the sum of
  // its parts (one WITH list for all kinds took three times longer to plan).
  const statement = sql.join(
    parts.map((p) => sql`(with ${sql.join(p.ctes, sql`, `)} ${p.select})`),
    sql` union all `,
  )
  const { rows } = await db.execute<Row>(statement)
  return {
    query: text,
    groups: kinds.map(({ k }) => {
      const own = rows.filter((row) => row.type === k.type)
      const hits = own.filter((row) => row.id !== null).sort((a, b) => Number(a.ord) - Number(b.ord))
      return group(
        k.type,
        hits.map((row) => toHit(row, compiled)),
        own[0]?.total ?? 0,
        offset,
        size,
      )
    }),
  }
}

function group(type: SearchType, items: SearchHit[], counted: number, offset: number, size: number): SearchGroup {
  const total = Math.min(counted, COUNT_CAP)
  const next = offset + size
  return {
    type,
    total,
    totalCapped: counted > COUNT_CAP,
    items,
    nextCursor:
      items.length === size && next < Math.min(counted, POOL) ? encodeSearchCursor({ t: type, o: next }) : null,
  }
}

// Names only, while typing: names starting with what was typed, from any of their words (whole
// names first, then shorter ones). When several words were typed and fewer names were found than
// asked, a second statement looks for the words in any order in the names' full-text index:
// apart, so the usual case plans and runs one small statement (planning was half its time).
export async function autocomplete(db: Db, user: AuthUser, query: AutocompleteQuery) {
  const compiled = await compileQuery(db, query.q, { notes: false })
  if (!compiled) return { query: query.q, items: [] }
  const kinds = readableKinds(user, query.types, query.types?.length ? [] : ['interactions'])
  if (kinds.length === 0) return { query: query.q, items: [] }
  const prefix = `${escapeLike(compiled.phrase)}%`
  const anyOrder = (k: Kind, where: SQL) =>
    sql`(select ${k.table}.id from ${k.table}
      where ${k.names} @@ ${compiled.names} and ${checked(where)} limit ${AUTOCOMPLETE_POOL})`
  const best = (k: Kind, candidates: SQL[]) => {
    const x = sql`x`
    return sql`(select ${k.type}::text as type, x.id, (case when x.search_name = ${compiled.phrase} then 3 else 0 end
        + case when x.search_name like ${prefix} then 2 else 0 end
        + 0.5 / (1 + length(x.search_name) / 10.0))::float8 as rank,
      0 as total, ${k.data(user)} as data, null::text as headline
      from ${k.table} ${x} where x.id in (${sql.join(candidates, sql` union `)})
      order by rank desc, x.search_name, x.id limit ${query.limit})`
  }
  const run = async (parts: SQL[]) => (await db.execute<Row>(sql.join(parts, sql` union all `))).rows
  const rows = await run(
    kinds.map((k) => {
      const where = k.where(user, {})!
      // A whole name is one of the tails; a kind without tails is read from its names' index.
      return best(
        k,
        k.tails
          ? namesStartingWith(k, where, compiled, AUTOCOMPLETE_POOL)
          : [
              sql`(select ${k.table}.id from ${k.table}
                where ${nameStarts(k.table, prefix, where)} limit ${PREFIX_POOL})`,
              anyOrder(k, where),
            ],
      )
    }),
  )
  // Names holding the words in another order rank below those starting with them: looked for
  // only when the list is not full.
  const short = compiled.tokens.length > 1 && rows.length < query.limit ? kinds.filter((k) => k.tails) : []
  if (short.length) {
    const seen = new Set(rows.map((r) => `${r.type}:${r.id}`))
    rows.push(
      ...(await run(short.map((k) => best(k, [anyOrder(k, k.where(user, {})!)])))).filter(
        (r) => !seen.has(`${r.type}:${r.id}`),
      ),
    )
  }
  const order = new Map(kinds.map((k, i) => [k.type, i]))
  const items = rows
    .sort((a, b) => b.rank - a.rank || order.get(a.type)! - order.get(b.type)!)
    .slice(0, query.limit)
    .map((row) => toHit(row, compiled))
  return { query: query.q, items }
}
