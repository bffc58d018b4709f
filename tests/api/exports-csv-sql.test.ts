// The CSV Postgres writes (worker/exports/csv-sql.ts, one COPY) against the rule it replaced: for
// every list (organisations, people, mandates, interactions, tasks), every sort it offers, both
// separators, a filter, a sales user's scope and checked rows, it must give the bytes the list
// service's rows give through the JavaScript writer it replaced (kept below as the reference); and
// the cells a spreadsheet could misread, read back by an independent parser.
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { copySql } from '../../worker/db/copy-out.ts'
import { ownDatabase } from '../setup/own-database.ts'
import { seedDemo } from '../../scripts/seed.ts'
import { interactions, mandates, organisations, people, tasks, users } from '../../worker/db/schema.ts'
import { actingUser } from '../../worker/auth/acting-user.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import type { CellValue } from '../../worker/exports/export-columns.ts'
import { frenchDate } from '../../worker/exports/export-format.ts'
import { csvBlocks, exportRows, type ExportSource } from '../../worker/exports/export-source.ts'
import { countRows } from '../../worker/exports/export.service.ts'
import { FILTER_SCHEMAS, type ExportEntity } from '../../worker/exports/export.schema.ts'
import { SORTS } from '../../worker/organisations/organisation-sorts.ts'
import { PERSON_SORTS } from '../../worker/people/person.schema.ts'
import { MANDATE_SORTS } from '../../worker/mandates/mandate.schema.ts'
import { TASK_SORTS } from '../../worker/tasks/task.schema.ts'
import { HIDDEN, insertListRows } from './exports-csv-sql.helpers.ts'

const database = ownDatabase()
let admin: AuthUser
let sales2: AuthUser
let salesOrganisation = ''
const TRICKY = [
  { name: 'Guillemets "dans" le nom; et point-virgule', amount: '-12.50', lastContactAt: null },
  { name: 'Sur deux\nlignes, avec virgule', amount: '0.00', lastContactAt: new Date('2026-03-28T23:30:00Z') },
  { name: '-moins en tête', amount: '1500.00', lastContactAt: new Date('2026-10-24T22:30:00Z') },
  { name: '+plus', amount: null, lastContactAt: new Date('2026-10-25T22:59:59Z') },
  { name: '@arobase', amount: '1234567890123.45', lastContactAt: null },
  { name: '\tTabulation', amount: '7', lastContactAt: null },
  { name: '\rRetour', amount: '7', lastContactAt: null },
  { name: "=1+1 l'été Œuvre", amount: '7', lastContactAt: null },
  { name: "Barre \\oblique 'cité' $1 E'\\'' fin", amount: '7', lastContactAt: null, city: '' },
]

beforeAll(async () => {
  const db = database.db
  await seedDemo(db, { organisations: 40, people: 30 })
  const userId = async (email: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id
  admin = (await actingUser(db, await userId('admin@demo.crm')))!
  sales2 = (await actingUser(db, await userId('sales2@demo.crm')))!
  // Equal creation times and names too: the keyset must break ties on the id across pages.
  const createdAt = new Date('2026-01-15T10:00:00Z')
  await db.insert(organisations).values(
    [...TRICKY, ...TRICKY.slice(0, 3)].map((t) => ({
      ...t,
      type: 'EMETTEUR' as const,
      createdAt,
      ownerId: admin.id,
    })),
  )
  salesOrganisation = (await insertListRows(db, admin, sales2)).mine.name
})

const source = (
  user: AuthUser,
  raw: Record<string, string>,
  ids?: string[],
  entity: ExportEntity = 'organisations',
): ExportSource => ({
  db: database.db,
  user,
  entity,
  filters: FILTER_SCHEMAS[entity].parse(raw) as Record<string, unknown>,
  ids,
})

async function sqlCsv(o: ExportSource, sep: ';' | ',') {
  const utf8 = new TextDecoder()
  let text = ''
  for await (const block of csvBlocks(o, sep)) text += utf8.decode(block.bytes, { stream: true })
  return text + utf8.decode()
}

// The reference: the JavaScript CSV writer the export used before Postgres wrote the file
// (worker/exports/csv.ts until this file's parity held for every list), kept here as it was.
const REFERENCE_FORMULA_START = /^[=+\-@\t\r]/
function referenceCsvCell(value: CellValue, sep: ';' | ',') {
  if (value === null || value === '') return ''
  if (value instanceof Date) return frenchDate(value)
  if (typeof value === 'number') return sep === ';' ? String(value).replace('.', ',') : String(value)
  let s = REFERENCE_FORMULA_START.test(value) ? `'${value}` : value
  if (s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replaceAll('"', '""')}"`
  return s
}
function referenceCsvLines(rows: CellValue[][], sep: ';' | ',') {
  let out = ''
  for (const row of rows) {
    let line = ''
    for (let i = 0; i < row.length; i++) line += (i ? sep : '') + referenceCsvCell(row[i]!, sep)
    out += `${line}\r\n`
  }
  return out
}

// The list service's rows (the DTOs through TO_ROW) written by the reference writer.
async function serviceCsv(o: ExportSource, sep: ';' | ',') {
  let text = ''
  for await (const batch of exportRows(o)) text += referenceCsvLines(batch, sep)
  return text
}

describe('values written into a COPY statement', () => {
  test('reach Postgres exactly as a parameter would carry them', async () => {
    const values = ["l'été", 'C:\\dossier\\', "\\'; select 1; --", '$1 $2', 'Œuvre € « »', '', "E'x'", '\n\t']
    for (const value of values) {
      const text = copySql(sql`select ${value}::text as v, ${42}::int as n, ${null}::text as z`)
      const r = await database.db.execute<{ v: string; n: number; z: null }>(sql.raw(text))
      expect(r.rows[0]).toEqual({ v: value, n: 42, z: null })
    }
    expect(() => copySql(sql`select ${'a\0b'}`)).toThrow(/NUL/)
    expect(() => copySql(sql`select ${{ a: 1 }}`)).toThrow(/scalar/)
  })
})

describe('the CSV written by Postgres', () => {
  test(
    'gives the same bytes as the list service through the reference writer, ' +
      'for every sort, both separators and a filter',
    async () => {
      for (const sort of SORTS) {
        for (const sep of [';', ','] as const) {
          const o = source(admin, { sort })
          const expected = await serviceCsv(o, sep)
          expect(expected.split('\r\n').length, sort).toBeGreaterThan(50)
          expect(await sqlCsv(o, sep), `${sort} ${sep}`).toBe(expected)
        }
      }
      const filtered = source(admin, { stage: 'PROSPECT', type: 'EMETTEUR', sort: '-amount' })
      expect(await sqlCsv(filtered, ';')).toBe(await serviceCsv(filtered, ';'))
      // COPY takes no parameters: the filter's value is written into the statement as a literal.
      const searched = source(admin, { q: "oblique 'cité' $1 E'\\''" })
      const found = await sqlCsv(searched, ';')
      expect(found).toContain("Barre \\oblique 'cité' $1 E'\\'' fin;Émetteur;;Prospect;7;;")
      expect(found).toBe(await serviceCsv(searched, ';'))
    },
  )

  test('keeps to the caller’s scope, for the list and for checked rows', async () => {
    const all = await database.db.select({ id: organisations.id }).from(organisations)
    const ids = all.map((r) => r.id)
    const list = source(sales2, {})
    expect(await sqlCsv(list, ';')).toBe(await serviceCsv(list, ';'))
    const checked = await sqlCsv(source(sales2, {}, ids), ';')
    const listed = await sqlCsv(list, ';')
    expect(checked.split('\r\n').sort()).toEqual(listed.split('\r\n').sort())
    expect(checked).not.toContain('Guillemets')
  })

  test(
    'quotes, line breaks, negative amounts, empty dates, ' + 'Paris days and formula guards read back as written',
    async () => {
      const text = await sqlCsv(source(admin, { type: 'EMETTEUR' }), ';')
      const rows = parse(text, { delimiter: ';' }) as string[][]
      const byName = (start: string) => rows.find((r) => r[0]!.startsWith(start))!
      expect(byName('Guillemets').slice(0, 5)).toEqual([
        'Guillemets "dans" le nom; et point-virgule',
        'Émetteur',
        '',
        'Prospect',
        '-12,5',
      ])
      expect(byName('Guillemets')[11]).toBe('')
      expect(byName('Sur deux')[0]).toBe('Sur deux\nlignes, avec virgule')
      expect(byName('Sur deux')[4]).toBe('0')
      // 23:30 UTC on 28 March is already the 29th in Paris (UTC+1); 22:30 UTC on 24 October is the 25th (UTC+2).
      expect(byName('Sur deux')[11]).toBe('29/03/2026')
      expect(byName("'-moins")[11]).toBe('25/10/2026')
      expect(byName("'-moins")[4]).toBe('1500')
      expect(byName("'=1+1")[0]).toBe("'=1+1 l'été Œuvre")
      expect(byName("'\tTab")).toBeDefined()
      expect(byName("'@arobase")[4]).toBe('1234567890123,45')
      expect(byName("'\rRetour")).toBeDefined()
      const comma = parse(await sqlCsv(source(admin, { q: 'Guillemets' }), ','), { delimiter: ',' }) as string[][]
      expect(comma[0]![4]).toBe('-12.5')
    },
  )
})

// Each list's sorts, and a filter of its own (parsed by its query schema, as an export's are).
const LISTS = {
  people: { sorts: PERSON_SORTS, filter: { q: 'doublon', sort: '-createdAt' } },
  mandats: { sorts: MANDATE_SORTS, filter: { status: 'SIGNE,ACTIF', q: 'M-', sort: 'createdAt' } },
  interactions: { sorts: [undefined], filter: { type: 'CALL,MEETING', from: '2026-01-01T00:00:00Z' } },
  tasks: { sorts: TASK_SORTS, filter: { status: 'TODO', overdue: 'true' } },
} as const

describe.each(Object.entries(LISTS))('the %s CSV written by Postgres', (name, list) => {
  const entity = name as ExportEntity
  const of = (user: AuthUser, raw: Record<string, string>, ids?: string[]) => source(user, raw, ids, entity)

  const parity = 'gives the same bytes as the list service through the reference writer, for every sort, '
  test(`${parity}both separators and a filter`, async () => {
    for (const sort of list.sorts) {
      for (const sep of [';', ','] as const) {
        const o = of(admin, sort ? { sort } : {})
        const expected = await serviceCsv(o, sep)
        expect(expected.split('\r\n').length, `${sort}`).toBeGreaterThan(10)
        expect(await sqlCsv(o, sep), `${sort} ${sep}`).toBe(expected)
      }
    }
    const filtered = of(admin, list.filter)
    const expected = await serviceCsv(filtered, ';')
    expect(expected.split('\r\n').length).toBeGreaterThan(2)
    expect(expected.split('\r\n').length).toBeLessThan((await serviceCsv(of(admin, {}), ';')).split('\r\n').length)
    expect(await sqlCsv(filtered, ';')).toBe(expected)
  })

  test('keeps to a sales user’s scope and names no record outside it, for the list and for checked rows', async () => {
    for (const sort of list.sorts) {
      const o = of(sales2, sort ? { sort } : {})
      const listed = await sqlCsv(o, ';')
      expect(listed, `${sort}`).toBe(await serviceCsv(o, ';'))
      expect(listed).not.toContain(HIDDEN.organisation)
      expect(listed).not.toContain(HIDDEN.person)
      expect(listed).not.toContain('Guillemets')
    }
    const filtered = of(sales2, list.filter)
    const filteredCsv = await sqlCsv(filtered, ';')
    expect(filteredCsv).toBe(await serviceCsv(filtered, ';'))
    // The count that decides up front whether a download is queued reads the same conditions.
    for (const o of [filtered, of(sales2, {}), of(admin, list.filter)]) {
      // Records, not lines: a quoted cell may hold a line break.
      const rows = (parse(await sqlCsv(o, ';'), { delimiter: ';' }) as string[][]).length
      expect(await countRows(o.db, o.user, entity, o.filters)).toBe(rows)
    }
    expect(filteredCsv.split('\r\n').length).toBeGreaterThan(1)
    // Every row of the table checked: the detail reads (the reference) and the SQL keep the same ones.
    const table = { people, mandats: mandates, interactions, tasks }[entity as Exclude<ExportEntity, 'organisations'>]
    const ids = (await database.db.select({ id: table.id }).from(table)).map((r) => r.id)
    const checked = await sqlCsv(of(sales2, {}, ids), ',')
    const lines = (text: string) => text.split('\r\n').sort()
    expect(lines(checked)).toEqual(lines(await serviceCsv(of(sales2, {}, ids), ',')))
    expect(lines(checked)).toEqual(lines(await sqlCsv(of(sales2, {}), ',')))
    expect(lines(checked).length).toBeLessThan(lines(await sqlCsv(of(admin, {}), ',')).length)
  })
})

describe('a sales user’s CSV', () => {
  const rowsOf = async (entity: ExportEntity, raw: Record<string, string> = {}) =>
    parse(await sqlCsv(source(sales2, raw, undefined, entity), ';'), { delimiter: ';' }) as string[][]

  test('keeps their records that point to an admin’s organisation or person, those names left empty', async () => {
    const task = (await rowsOf('tasks')).find((r) => r[0] === 'Déléguée')!
    expect(task).toEqual(['Déléguée', 'À faire', 'Normale', '01/01/2020', 'Alice Admin', '', '', ''])
    const mandate = (await rowsOf('mandats')).find((r) => r[0] === 'M-2020-002')!
    expect(mandate.slice(0, 5)).toEqual(['M-2020-002', '', 'Brouillon', `'=Produit; "A" (FR0000000018)`, '1500'])
    const call = (await rowsOf('interactions')).find((r) => r[3] === 'Appel du commercial')!
    expect(call[2]).toBe('')
    expect(call[4]!.split(', ').sort()).toEqual(['Anne Doublon', 'Jean Doublon', 'Jean Doublon'])
    expect(call[6]).toBe("'+suite")
    const doublons = (await rowsOf('people', { q: 'doublon' })).map((r) => r.slice(0, 4))
    expect(doublons).toEqual(
      expect.arrayContaining([
        ['Doublon', 'Anne', "'-Adjointe", salesOrganisation],
        ['Doublon', 'Jean', '', salesOrganisation],
        ['Doublon', 'Jean', '', ''],
      ]),
    )
  })
})
