// Import files: workbooks (dates in both systems, cached formula values, accents, first visible
// sheet), templates, and hostile or oversized files refused before anything is written.
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { as } from '../setup/api-client.ts'
import { readCsv } from '../../worker/imports/csv-reader.ts'
import { decodeText } from '../../worker/imports/text-decode.ts'
import { download, fixture, readWorkbook, upload } from './imports.helpers.ts'

describe('reading files', () => {
  test.each(['organisations.xlsx', 'organisations-1904.xlsx'])(
    '%s: the first visible sheet is read, formulas give their cached values and dates are dates',
    async (name) => {
      const res = await upload(await as('manager'), 'organisations', name, fixture(name))
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ sheetName: 'Clients', sheetNames: ['Clients'], rowCount: 2 })
      const [a, b] = res.body.preview
      expect(a.cells).toEqual([
        'Épargne Croissance XLSX',
        'EMETTEUR',
        '2500',
        '102030405',
        '1000',
        'Besançon',
        '2025-12-31',
      ])
      expect(a.values).toMatchObject({ amount: '2500', phone: '0102030405', postalCode: '01000', city: 'Besançon' })
      expect(b.cells[0]).toBe('SS-GESTION CŒUR XLSX')
      expect(b.cells[6]).toBe('2024-02-29')
      expect(b.values).toMatchObject({ type: 'DISTRIBUTEUR', amount: '125000.5' })
    },
  )

  test('our CSV reader gives the same rows as csv-parse on the French fixture, quotes and line breaks included', () => {
    const { text } = decodeText(fixture('organisations-excel-fr.csv'))
    const ours: string[][] = []
    readCsv(text, (_, cells) => ours.push(cells))
    const theirs = parseCsv(text, { delimiter: ';', skip_empty_lines: true, relax_column_count: true }) as string[][]
    expect(ours).toEqual(theirs)
    expect(ours[0]![0]).toBe('Raison sociale')
    expect(ours[1]![9]).toBe('Client "historique"\r\nsur deux lignes')
  })

  test('comma- and tab-separated files are sniffed, blank lines skipped', async () => {
    for (const [sep, name] of [
      [',', 'virgule.csv'],
      ['\t', 'tab.txt'],
    ] as const) {
      const body =
        ['nom', 'type', 'ville'].join(sep) + '\n\n' + ['"Sniff, SA"', 'INVESTISSEUR', 'Paris'].join(sep) + '\n'
      const res = await upload(await as('manager'), 'organisations', name, body)
      expect(res.status).toBe(201)
      expect(res.body.preview[0]).toMatchObject({ line: 3, values: { name: 'Sniff, SA', city: 'Paris' } })
    }
  })

  test('templates list the columns (CSV with BOM and `;`, XLSX with a sheet of valid values)', async () => {
    const manager = await as('manager')
    const csv = await download(manager, '/api/v1/imports/templates/organisations.csv')
    expect(csv.status).toBe(200)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes)
    expect(text.startsWith('\uFEFFnom;type;categorie;pipeline_stage')).toBe(true)
    const xlsx = await download(manager, '/api/v1/imports/templates/people.xlsx')
    const wb = await readWorkbook(xlsx.bytes)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Personnes', 'Valeurs valides'])
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([
      undefined,
      'prenom',
      'nom',
      'email_personnel',
      'telephone_personnel',
      'poste',
      'organisation_nom',
    ])
    const orgTemplate = await readWorkbook(
      (await download(manager, '/api/v1/imports/templates/organisations.xlsx')).bytes,
    )
    const values = orgTemplate.worksheets[1]!.getSheetValues().map((r: any) => r?.[4])
    expect(values).toContain('INVESTISSEUR, FOURNISSEUR, DISTRIBUTEUR, EMETTEUR')
    // The template imports as is.
    const res = await upload(manager, 'organisations', 'modele.csv', csv.bytes)
    expect(res.body.mapping).toEqual([
      'name',
      'type',
      'category',
      'pipelineStage',
      'amount',
      'email',
      'phone',
      'website',
      'address',
      'postalCode',
      'city',
      'country',
      'notes',
    ])
    expect(res.body.preview.every((r: any) => r.errors.length === 0)).toBe(true)
  })
})

describe('refused files', () => {
  const wide = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(';')}\n`
  const bigCell = `nom;type;notes\nGros;INVESTISSEUR;${'x'.repeat(5 * 1024 * 1024)}\n`
  const tooManyRows = `nom;type\n${'Ligne;INVESTISSEUR\n'.repeat(100_001)}`
  const tooBig = new Uint8Array(21 * 1024 * 1024).fill(0x41)
  const cases: [string, string, Uint8Array | string, number, RegExp][] = [
    ['a zip bomb', 'bombe.xlsx', fixture('hostile-zip-bomb.xlsx'), 400, /archive anormale/],
    ['XML entity expansion', 'entites.xlsx', fixture('hostile-entities.xlsx'), 400, /DOCTYPE/],
    ['10,000 columns', 'large.csv', wide, 400, /colonnes/],
    ['a 5 MB cell', 'cellule.csv', bigCell, 400, /cellule dépasse/],
    ['more than 100,000 rows', 'lignes.csv', tooManyRows, 413, /100.000 lignes/],
    ['more than 20 MB', 'gros.csv', tooBig, 413, /20 Mo/],
    ['an old .xls', 'ancien.xls', 'whatever', 400, /Enregistrer sous.*xlsx/],
    ['a file that is not a workbook', 'faux.xlsx', 'nom;type\n', 400, /xlsx valide/],
  ]
  test.each(cases)(
    '%s is answered with a problem and writes nothing',
    { timeout: 60_000 },
    async (_, name, body, status, detail) => {
      const manager = await as('manager')
      const before = (await manager.get('/api/v1/imports')).body.data.length
      const res = await upload(manager, 'organisations', name, body)
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.body.detail).toMatch(detail)
      expect((await manager.get('/api/v1/imports')).body.data.length).toBe(before)
    },
  )
})
