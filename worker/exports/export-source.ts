// The rows of an export, read through each list's own service: the same scope, filters and
// sort as the screen the user exported from, page after page (keyset cursors), or the checked
// rows one by one through the detail reads (a row outside the scope is simply absent). Excel and
// PDF read these rows; the CSV is one COPY through the same lists' filters (csvBlocks).
import type { Db } from '../db/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { HttpProblem } from '../http/problem.ts'
import { getOrganisation, listOrganisations } from '../organisations/organisation.service.ts'
import { getPerson, listPeople } from '../people/person.service.ts'
import { getMandate, listMandates } from '../mandates/mandate.service.ts'
import { getInteraction, listInteractions } from '../interactions/interaction.service.ts'
import { getTask, listTasks } from '../tasks/task.service.ts'
import { LAYOUTS, TO_ROW, type CellValue } from './export-columns.ts'
import { csvCopy, type Sep } from './csv-sql.ts'
import { CSV_SOURCES } from './csv-sources.ts'
import type { ExportEntity } from './export.schema.ts'

type Page = { data: unknown[]; nextCursor: string | null }
type Lister = (db: Db, user: AuthUser, q: never) => Promise<Page>
type Getter = (db: Db, user: AuthUser, id: string) => Promise<unknown>

const LIST: Record<ExportEntity, Lister> = {
  organisations: listOrganisations,
  people: listPeople,
  mandats: listMandates,
  interactions: listInteractions,
  tasks: listTasks,
}
const GET: Record<ExportEntity, Getter> = {
  organisations: getOrganisation,
  people: getPerson,
  mandats: getMandate,
  interactions: getInteraction,
  tasks: getTask,
}

// 2,000 rows a page: 100,000 organisations in 50 round trips; larger pages only grow memory.
export const PAGE_SIZE = 2000

export type ExportSource = {
  db: Db
  user: AuthUser
  entity: ExportEntity
  filters: Record<string, unknown>
  ids?: string[]
}

export async function* exportRows({ db, user, entity, filters, ids }: ExportSource): AsyncGenerator<CellValue[][]> {
  const toRow = TO_ROW[entity] as (dto: unknown) => CellValue[]
  if (ids?.length) {
    const rows: CellValue[][] = []
    for (const id of ids) {
      const dto = await GET[entity](db, user, id).catch((e) => {
        if (e instanceof HttpProblem && e.problem.status === 404) return null
        throw e
      })
      if (dto) rows.push(toRow(dto))
    }
    yield rows
    return
  }
  let cursor: string | undefined
  do {
    const page = await LIST[entity](db, user, { ...filters, limit: PAGE_SIZE, cursor } as never)
    yield page.data.map(toRow)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

// The CSV's lines in blocks of bytes, written by Postgres (csv-sources.ts: one COPY through the
// list's own filters and order, its blocks handed on as they arrive).
export async function* csvBlocks(o: ExportSource, sep: Sep): AsyncGenerator<{ bytes: Uint8Array; rows: number }> {
  const source = CSV_SOURCES[o.entity](o.user, o.filters, o.ids)
  const ready: { bytes: Uint8Array; rows: number }[] = []
  let wake: (() => void) | undefined
  let finished = false
  let abandoned = false
  const copy = csvCopy(o.db, LAYOUTS[o.entity].columns, source, sep, (bytes, rows) => {
    // A consumer past its row limit has left; the COPY runs to its end (the driver cannot stop
    // it), and its remaining blocks must not pile up in memory meanwhile.
    if (abandoned) return
    ready.push({ bytes, rows })
    wake?.()
  }).finally(() => {
    finished = true
    wake?.()
  })
  // A consumer that stops early must not leave the COPY's failure unhandled.
  copy.catch(() => {})
  try {
    while (true) {
      const next = ready.shift()
      if (next) yield next
      else if (finished) break
      else await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    abandoned = true
    ready.length = 0
  }
  await copy
}
