// CSV written by Postgres: each cell rendered in SQL from its column's kind, each page of rows
// aggregated into one text value, so the driver carries about the file's bytes and JavaScript
// does no work per row (reading whole rows into DTOs cost ~32 µs of the CSV's 46 µs per row:
// docs/decisions/006-exports.md). The rules are csv.ts's, here in SQL: `;` with decimal commas
// or `,` with points, dates jj/mm/aaaa in Paris, amounts as plain numbers, a `'` before a text
// starting with = + - @ tab CR (OWASP CSV injection), quotes around a text holding the separator,
// a quote or a line break, its quotes doubled. Every value reaches Postgres as a parameter.
import { sql, type SQL } from 'drizzle-orm'
import type { Column, ColumnKind } from './export-columns.ts'

export type Sep = ';' | ','
const PARIS = 'Europe/Paris'
const CRLF = '\r\n'
// Real tab and CR characters in the patterns (not escapes): Postgres compares them as they are.
const FORMULA_START = '^[=+@\t\r-]'
const NEEDS_QUOTES: Record<Sep, string> = { ';': '[;"\r\n]', ',': '[,"\r\n]' }
// Most cells need neither: one anchored match lets them through as they are (the two tests apart
// cost twice as much in PGlite: 3.7 s against 1.9 s for 30,000 rows, COPY 1.3 s, no rule 1.7 s).
const PLAIN: Record<Sep, string> = { ';': '^[^=+@\t\r-][^;"\r\n]*$', ',': '^[^=+@\t\r-][^,"\r\n]*$' }

// One cell from a column of the page (an alias, so a value computed once is formatted once).
function cellSql(kind: ColumnKind, v: SQL, sep: Sep): SQL {
  if (kind === 'date') return sql`coalesce(to_char(${v} at time zone ${PARIS}, 'DD/MM/YYYY'), '')`
  // trim_scale: 1500.00 is written 1500, as JavaScript's String(Number('1500.00')) did.
  if (kind === 'money' || kind === 'int')
    return sql`coalesce(replace(trim_scale(${v}::numeric)::text, '.', ${sep === ';' ? ',' : '.'}), '')`
  const guarded = sql`case when ${v} ~ ${FORMULA_START} then '''' || ${v} else ${v} end`
  return sql`case when ${v} ~ ${PLAIN[sep]} then ${v} when ${v} is null then '' when ${v} ~ ${NEEDS_QUOTES[sep]}
    then '"' || replace(${guarded}, '"', '""') || '"' else ${guarded} end`
}

// A code shown with its French label (the SQL side of export-columns.ts's `label`).
export function labelSql(map: Record<string, string>, v: SQL): SQL {
  const whens = Object.entries(map).map(([code, text]) => sql` when ${code} then ${text}`)
  return sql`(case ${v}::text${sql.join(whens)} else ${v}::text end)`
}

// Where an entity's CSV reads from: its cells in LAYOUTS' column order, the list's own filters
// and scope (`where`), and the list's keyset order (`key`, then `id`).
export type CsvSource = {
  from: SQL
  where: SQL | undefined
  cells: SQL[]
  key: SQL
  id: SQL
  descending: boolean
}
export type CsvPage = { text: string; rows: number; last: [string, string] | null }

// One page of at most `limit` rows after `after` (the previous page's last key and id), as CSV
// lines ending in CRLF; `last` is set when the page is full (more rows may follow).
export async function csvPage(
  db: { execute: (q: SQL) => Promise<{ rows: unknown[] }> },
  columns: Column[],
  source: CsvSource,
  sep: Sep,
  limit: number,
  after: [string, string] | null,
): Promise<CsvPage> {
  if (source.cells.length !== columns.length) throw new Error('CSV cells and columns disagree')
  const dir = source.descending ? sql`desc` : sql`asc`
  const conds = [source.where]
  if (after) {
    // The key comes back as Postgres wrote it; an untyped parameter takes the key's own type.
    const op = source.descending ? sql`<` : sql`>`
    conds.push(sql`(${source.key}, ${source.id}) ${op} (${after[0]}, ${after[1]}::uuid)`)
  }
  const where = conds.filter(Boolean) as SQL[]
  const values = source.cells.map((c, i) => sql`${c} as ${sql.raw(`c${i}`)}`)
  const cells = columns.map((col, i) => cellSql(col.kind, sql.raw(`r.c${i}`), sep))
  const r = await db.execute(sql`
    select string_agg(concat_ws(${sep}, ${sql.join(cells, sql`, `)}) || ${CRLF}, '' order by r.rn) as text,
      count(*)::int as rows,
      max(r.k::text) filter (where r.rn = ${limit}) as last_key,
      max(r.id::text) filter (where r.rn = ${limit}) as last_id
    from (
      select row_number() over (order by ${source.key} ${dir}, ${source.id} ${dir}) as rn,
        ${source.key} as k, ${source.id} as id, ${sql.join(values, sql`, `)}
      from ${source.from}
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by ${source.key} ${dir}, ${source.id} ${dir}
      limit ${limit}
    ) r`)
  const row = r.rows[0] as { text: string | null; rows: number; last_key: string | null; last_id: string | null }
  return {
    text: row.text ?? '',
    rows: row.rows,
    last: row.last_key !== null && row.last_id !== null ? [row.last_key, row.last_id] : null,
  }
}
