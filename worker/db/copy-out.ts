// `COPY (…) TO STDOUT` through the Neon driver. Its node-postgres core hands every CopyData
// message to the active query, so a small "submittable" query collects them; Postgres sends one
// message per row. The rows then cost the database's own CSV writer and about their bytes on the
// wire, instead of a DataRow parsed into JavaScript values each (100,240 organisations: 0.5–0.7 s
// against 0.7–1.0 s for a plain SELECT of the same rows; docs/decisions/006-exports.md).
//
// COPY takes no bind parameters. `copySql` therefore writes the statement's values into its text
// as escape-string literals (E'…', backslashes and quotes doubled: the one reading Postgres gives
// them whatever standard_conforming_strings says); an untyped literal takes its type from its
// context as an untyped parameter does. This is the only place a value enters SQL text.
import { Pool } from '@neondatabase/serverless'
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Db } from './client.ts'

const dialect = new PgDialect()

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (Array.isArray(value) || (typeof value === 'object' && !(value instanceof Date)))
    throw new Error('copySql: only scalar values can be written into a COPY statement')
  const text = value instanceof Date ? value.toISOString() : String(value)
  if (text.includes('\0')) throw new Error('copySql: a NUL character cannot reach Postgres')
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}

// The statement's text with each $n (outside the literals the statement itself holds) replaced
// by its value.
export function copySql(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query)
  let out = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === "'") quoted = !quoted
    if (quoted || ch !== '$' || !/[0-9]/.test(text[i + 1] ?? '')) {
      out += ch
      continue
    }
    let end = i + 1
    while (/[0-9]/.test(text[end] ?? '')) end++
    const n = Number(text.slice(i + 1, end))
    if (n < 1 || n > params.length) throw new Error(`copySql: no value for $${n}`)
    out += sqlLiteral(params[n - 1])
    i = end - 1
  }
  return out
}

type Connection = { query: (text: string) => void }
type Queryable = { query: (submittable: unknown) => unknown }

// node-postgres' Submittable: the client calls these as the server's messages arrive.
class CopyToRows {
  readonly done: Promise<number>
  private rows = 0
  private failure: unknown
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void }

  constructor(
    private readonly text: string,
    private readonly onRow: (row: Uint8Array) => void,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject }
    })
  }

  submit(connection: Connection) {
    connection.query(this.text)
  }

  handleCopyData(message: { chunk: Uint8Array }) {
    this.rows++
    if (this.failure) return
    try {
      this.onRow(message.chunk)
    } catch (error) {
      // The rows keep arriving until the statement ends; the error is reported then.
      this.failure = error
    }
  }

  // The client forgets the query on an error (no ReadyForQuery reaches it): settle now.
  handleError(error: unknown) {
    this.settle.reject(error)
  }

  handleReadyForQuery() {
    if (this.failure) this.settle.reject(this.failure)
    else this.settle.resolve(this.rows)
  }

  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(connection: { sendCopyFail: (message: string) => void }) {
    connection.sendCopyFail('COPY FROM is not supported here')
  }
}

// Runs `COPY (<query>) TO STDOUT WITH (<options>)` on the database's connection and gives each row
// (its bytes, valid only during the call) to `onRow`; resolves to the number of rows.
export async function copyRows(db: Db, query: SQL, options: string, onRow: (row: Uint8Array) => void) {
  const text = `COPY (${copySql(query)}) TO STDOUT WITH (${options})`
  const client = (db as unknown as { $client: Pool | Queryable }).$client
  const own = client instanceof Pool ? await client.connect() : null
  try {
    const copy = new CopyToRows(text, onRow)
    ;(own ?? (client as Queryable)).query(copy)
    return await copy.done
  } finally {
    own?.release()
  }
}
