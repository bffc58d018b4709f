// CSV for French spreadsheets, written by Postgres: UTF-8 with a BOM (Excel then reads the accents
// right), `;` with decimal commas (what French Excel parses as numbers) or `,` with points, dates
// jj/mm/aaaa in Paris, amounts as plain numbers, a `'` before a text starting with = + - @ tab CR
// (OWASP CSV injection). Each cell is rendered in SQL from its column's kind and the rows are
// written by Postgres' own CSV writer (`COPY … TO STDOUT`, worker/db/copy-out.ts), so the driver
// carries about the file's bytes and JavaScript does no work per cell (reading rows into DTOs cost
// ~32 µs of the CSV's 46 µs per row, aggregating pages in SQL 2.6× a COPY:
// docs/decisions/006-exports.md). COPY quotes a text holding the separator, a quote or a line
// break, doubles its quotes, and writes NULL as nothing (an empty text is made NULL: COPY would
// write `""`). Postgres ends each row with LF; the CRLF spreadsheets expect is restored row by row.
import { type AnyColumn, and, inArray, sql, type SQL } from 'drizzle-orm'
import type { AuthUser } from '../auth/auth-user.ts'
import type { Db } from '../db/client.ts'
import { copyRows } from '../db/copy-out.ts'
import { BOM, csvLine } from '../shared/csv-text.ts'
import type { Column, ColumnKind } from './export-columns.ts'

export type Sep = ';' | ','
const PARIS = 'Europe/Paris'
// The first characters a spreadsheet reads as a formula: = + @ tab CR - (ascii() of the first
// character costs a third of an anchored regular expression: 100,240 rows, 657 against 867 ms).
const FORMULA_START = '(61, 43, 64, 9, 13, 45)'

// A text this application writes itself (a code's French label, Oui/Non): never a formula,
// never empty, so it skips the guard.
export type OwnText = { own: SQL }

function cellSql(kind: ColumnKind, v: SQL, sep: Sep, own: boolean): SQL {
  if (kind === 'date') return sql`to_char(${v} at time zone ${PARIS}, 'DD/MM/YYYY')`
  // trim_scale: 1500.00 is written 1500, as JavaScript's String(Number('1500.00')) did.
  if (kind === 'money' || kind === 'int')
    return sql`replace(trim_scale(${v}::numeric)::text, '.', ${sep === ';' ? ',' : '.'})`
  if (own) return v
  return sql`nullif(case when ascii(${v}) in ${sql.raw(FORMULA_START)} then '''' || ${v} else ${v} end, '')`
}

// A code shown with its French label (the SQL side of export-columns.ts's `label`).
export function labelSql(map: Record<string, string>, v: SQL): OwnText {
  const whens = Object.entries(map).map(([code, text]) => sql` when ${code} then ${text}`)
  return { own: sql`(case ${v}::text${sql.join(whens)} else ${v}::text end)` }
}

// Where an entity's CSV reads from: its cells in LAYOUTS' column order, the list's own filters
// and scope (`where`), and the list's order (`keys`, its keyset: the sort's columns, the id last,
// all in one direction).
export type CsvSource = {
  from: SQL
  where: SQL | undefined
  cells: (SQL | OwnText)[]
  keys: SQL[]
  descending: boolean
}

// The first line: the BOM and the French headers (the application's own text, never a formula).
export const csvHeader = (columns: Column[], sep: Sep) =>
  `${BOM}${csvLine(
    columns.map((c) => c.header),
    sep,
  )}`

// The statement whose rows COPY writes (its options: `copyOptions`).
export function csvQuery(columns: Column[], source: CsvSource, sep: Sep): SQL {
  if (source.cells.length !== columns.length) throw new Error('CSV cells and columns disagree')
  const dir = source.descending ? sql`desc` : sql`asc`
  const isOwn = (c: SQL | OwnText): c is OwnText => 'own' in c
  const values = source.cells.map((c, i) => sql`${isOwn(c) ? c.own : c} as ${sql.raw(`c${i}`)}`)
  const keys = source.keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`)
  const cells = columns.map((col, i) => cellSql(col.kind, sql.raw(`r.c${i}`), sep, isOwn(source.cells[i]!)))
  const order = source.keys.map((_, i) => sql`${sql.raw(`r.k${i}`)} ${dir}`)
  return sql`
    select ${sql.join(cells, sql`, `)}
    from (
      select ${sql.join([...keys, ...values], sql`, `)}
      from ${source.from}
      ${source.where ? sql`where ${source.where}` : sql``}
    ) r
    order by ${sql.join(order, sql`, `)}`
}
// An entity's source for a caller, from the list's filters or the checked rows' ids.
export type SourceOf = (user: AuthUser, filters: Record<string, unknown>, ids?: string[]) => CsvSource

// Checked rows: only the scope applies (as the detail reads did), not the list's filters.
export const checkedOr = <Q>(
  filtersOf: (q: Partial<Q>) => SQL | undefined,
  id: AnyColumn,
  q: Partial<Q>,
  ids?: string[],
) => (ids?.length ? and(filtersOf({}), inArray(id, ids)) : filtersOf(q))

export const copyOptions = (sep: Sep) => `FORMAT csv, DELIMITER '${sep}'`

const CRLF = new Uint8Array([13, 10])
const BLOCK = 256 * 1024

// The source's rows as CSV lines ending in CRLF, handed over in blocks of about 256 KB (copied out
// of the driver's buffers) with the number of rows each holds.
export async function csvCopy(
  db: Db,
  columns: Column[],
  source: CsvSource,
  sep: Sep,
  onBlock: (bytes: Uint8Array, rows: number) => void,
): Promise<number> {
  let block = new Uint8Array(BLOCK)
  let used = 0
  let rows = 0
  let total = 0
  const flush = () => {
    if (rows) onBlock(block.subarray(0, used), rows)
    total += rows
    block = new Uint8Array(BLOCK)
    used = 0
    rows = 0
  }
  await copyRows(db, csvQuery(columns, source, sep), copyOptions(sep), (row) => {
    // Postgres ends the row with LF (one CopyData message per row); a line break inside a quoted
    // cell stays as it is.
    const body = row[row.length - 1] === 10 ? row.subarray(0, row.length - 1) : row
    if (used + body.length + 2 > block.length) {
      flush()
      if (body.length + 2 > block.length) block = new Uint8Array(body.length + 2)
    }
    block.set(body, used)
    block.set(CRLF, used + body.length)
    used += body.length + 2
    rows++
  })
  flush()
  return total
}
