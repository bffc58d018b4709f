// Exports read back by independent readers: CSV through csv-parse, workbooks through exceljs and
// their zip parts, PDFs through pdftotext. The same scope as the lists, the export permission,
// and an audit entry for each file that leaves.
import { beforeAll, describe, expect, test } from 'vitest'
import { as, unique, type ApiClient } from '../setup/api-client.ts'
import { download, pdfText, readCsv, readWorkbook } from './exports.helpers.ts'

const NNBSP = '\u202F'
let sales: ApiClient
let marker: string
let tricky: { id: string; name: string }

async function listAll(client: ApiClient, path: string) {
  const out: any[] = []
  let cursor: string | null = null
  do {
    const sep = path.includes('?') ? '&' : '?'
    const res = await client.get(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    out.push(...res.body.data)
    cursor = res.body.nextCursor
  } while (cursor)
  return out
}

beforeAll(async () => {
  sales = await as('sales')
  marker = unique('Été')
  // A name a spreadsheet would run as a formula, with accents, a quote and the separator.
  const org = await sales.post('/api/v1/organisations', {
    name: `=HYPERLINK("http://x";"${marker} Société à l’été")`,
    type: 'EMETTEUR',
    category: 'SCPI',
    pipelineStage: 'PROPOSITION',
    amount: '1234567.89',
    city: 'Orléans',
  })
  expect(org.status).toBe(201)
  tricky = org.body
  const plain = await sales.post('/api/v1/organisations', {
    name: `${marker} « Œuvre »`,
    type: 'EMETTEUR',
    pipelineStage: 'PROPOSITION',
  })
  expect(plain.status).toBe(201)
})

describe('CSV', () => {
  test(
    'a filtered organisation list comes out with a BOM, ; separators, ' + 'French headers and dates, plain amounts',
    async () => {
      const res = await download(sales, '/api/v1/exports/organisations.csv?stage=PROPOSITION&sort=-amount')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(res.headers.get('content-disposition')).toMatch(
        /attachment; filename="organisations-\d{4}-\d{2}-\d{2}\.csv"/,
      )
      const { hasBom, records } = readCsv(res.bytes, ';')
      expect(hasBom).toBe(true)
      const [header, ...rows] = records
      expect(header!.slice(0, 5)).toEqual(['Nom', 'Type', 'Catégorie', 'Étape', 'Montant (€)'])
      const listed = await listAll(sales, '/api/v1/organisations?stage=PROPOSITION')
      expect(rows).toHaveLength(listed.length)
      expect(Number(res.headers.get('x-row-count'))).toBe(listed.length)
      expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['Proposition']))
      const mine = rows.find((r) => r[0]!.includes(marker))!
      // Neutralised: the cell starts with a quote, so no spreadsheet evaluates it.
      expect(mine[0]).toBe(`'=HYPERLINK("http://x";"${marker} Société à l’été")`)
      expect(mine.slice(1, 6)).toEqual(['Émetteur', 'SCPI', 'Proposition', '1234567,89', 'Orléans'])
      expect(mine[12]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
      // Sorted as asked: amounts descending.
      const amounts = rows.map((r) => (r[4] ? Number(r[4].replace(',', '.')) : -1))
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    },
  )

  test('the comma option separates with commas and writes decimal points', async () => {
    const res = await download(sales, `/api/v1/exports/organisations.csv?sep=,&q=${encodeURIComponent(marker)}`)
    const { records } = readCsv(res.bytes, ',')
    expect(records).toHaveLength(3)
    expect(records.find((r) => r[0]!.includes('HYPERLINK'))![4]).toBe('1234567.89')
    expect(records.some((r) => r[0]!.startsWith("'=HYPERLINK"))).toBe(true)
  })

  test('every list exports: people, mandates, interactions and tasks', async () => {
    for (const [entity, first] of [
      ['people', 'Nom'],
      ['mandats', 'Numéro'],
      ['interactions', 'Date'],
      ['tasks', 'Titre'],
    ] as const) {
      const res = await download(sales, `/api/v1/exports/${entity}.csv`)
      expect(res.status, entity).toBe(200)
      const { records } = readCsv(res.bytes, ';')
      expect(records[0]![0]).toBe(first)
      expect(records.length - 1).toBe(Number(res.headers.get('x-row-count')))
    }
  })

  test('the checked rows export alone, and a row outside the scope is left out', async () => {
    const other = (
      await (await as('sales2')).post('/api/v1/organisations', { name: unique('Lyonnaise'), type: 'INVESTISSEUR' })
    ).body
    const res = await download(sales, `/api/v1/exports/organisations.csv?ids=${tricky.id},${other.id}`)
    const { records } = readCsv(res.bytes, ';')
    expect(records).toHaveLength(2)
    expect(records[1]![0]).toContain(marker)
  })
})

describe('scope, permission and audit', () => {
  test('sales2 (team Lyon) exports none of team Paris’s organisations, and exactly their own list', async () => {
    const sales2 = await as('sales2')
    const paris = await listAll(await as('manager'), '/api/v1/organisations')
    const theirs = await listAll(sales2, '/api/v1/organisations')
    const res = await download(sales2, '/api/v1/exports/organisations.csv')
    const names = readCsv(res.bytes, ';')
      .records.slice(1)
      .map((r) => r[0]!.replace(/^'/, ''))
    expect(names.sort()).toEqual(theirs.map((o) => o.name).sort())
    const parisOnly = new Set(paris.map((o) => o.name).filter((n) => !theirs.some((t) => t.name === n)))
    expect(parisOnly.size).toBeGreaterThan(0)
    expect(names.filter((n) => parisOnly.has(n))).toEqual([])
  })

  test(
    'a viewer, who may read but not export, is refused; ' + 'bad filters and unknown lists are clear errors',
    async () => {
      const viewer = await as('viewer')
      expect((await viewer.get('/api/v1/exports/organisations.csv')).status).toBe(403)
      expect((await viewer.post('/api/v1/exports', { entity: 'organisations', format: 'csv' })).status).toBe(403)
      const bad = await sales.get('/api/v1/exports/organisations.xlsx?stage=NOPE')
      expect(bad.status).toBe(400)
      expect(bad.headers.get('content-type')).toContain('application/problem+json')
      expect(bad.body.errors[0].path).toMatch(/^stage/)
      expect((await sales.get('/api/v1/exports/contrats.csv')).status).toBe(404)
      expect((await sales.get('/api/v1/exports/organisations.csv?sep=|')).status).toBe(400)
    },
  )

  test('each export is in the audit log: who, what, the filters and the row count', async () => {
    const res = await download(sales, `/api/v1/exports/organisations.csv?q=${encodeURIComponent(marker)}`)
    expect(res.status).toBe(200)
    const admin = await as('admin')
    const log = await admin.get('/api/v1/audit-log?action=organisations.exported&limit=20')
    const entry = log.body.data.find((e: any) => e.details?.filters?.q === marker)
    expect(entry).toMatchObject({ actorEmail: 'sales@demo.crm', targetType: 'organisations' })
    expect(entry.details).toMatchObject({ entity: 'organisations', format: 'csv', rowCount: 2 })
  })
})

describe('Excel', () => {
  test(
    'the workbook has Données (typed, styled, frozen, filtered), Statistiques ' +
      'and Graphiques with native charts bound to its cells',
    async () => {
      const res = await download(sales, '/api/v1/exports/organisations.xlsx')
      expect(res.status).toBe(200)
      const rowCount = Number(res.headers.get('x-row-count'))
      const { workbook, part, partNames } = await readWorkbook(res.bytes)
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Données', 'Statistiques', 'Graphiques'])
      const data = workbook.getWorksheet('Données')!
      expect(data.rowCount).toBe(rowCount + 1)
      expect(data.getCell('A1').value).toBe('Nom')
      expect(data.getCell('A1').font?.bold).toBe(true)
      expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(data.autoFilter).toBe(`A1:M${rowCount + 1}`)
      expect(data.getColumn(1).width).toBe(34)
      let row = 0
      data.eachRow((r, n) => {
        if (String(r.getCell(1).value).includes(`${marker} Société`)) row = n
      })
      expect(row).toBeGreaterThan(1)
      // Typed cells: the name stays text (no formula), the amount a number in €, the date a date.
      expect(data.getCell(`A${row}`).value).toBe(`=HYPERLINK("http://x";"${marker} Société à l’été")`)
      expect(data.getCell(`A${row}`).formula).toBeUndefined()
      expect(data.getCell(`E${row}`).value).toBe(1234567.89)
      expect(data.getCell(`E${row}`).numFmt).toContain('€')
      expect(data.getCell(`M${row}`).value).toBeInstanceOf(Date)
      expect(data.getCell(`M${row}`).numFmt).toBe('dd/mm/yyyy')

      const stats = workbook.getWorksheet('Statistiques')!
      const statLabels: string[] = []
      stats.eachRow((r) => statLabels.push(String(r.getCell(1).value)))
      const groupTitles = ['Par type', 'Par catégorie', 'Par étape', 'Par responsable']
      expect(statLabels).toEqual(expect.arrayContaining(groupTitles))

      // Charts: real DrawingML parts, each series pointing at the Graphiques cells that hold it.
      expect(partNames).toEqual(
        expect.arrayContaining(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/drawings/drawing1.xml']),
      )
      const bar = part('xl/charts/chart1.xml')!
      expect(bar).toContain('<c:barChart>')
      expect(bar).toContain('<c:f>Graphiques!$A$2:$A$5</c:f>')
      expect(bar).toContain('<c:f>Graphiques!$C$2:$C$5</c:f>')
      const pie = part('xl/charts/chart2.xml')!
      expect(pie).toContain('<c:pieChart>')
      expect(pie).toMatch(/<c:f>Graphiques!\$F\$2:\$F\$\d+<\/c:f>/)
      expect(part('xl/worksheets/_rels/sheet3.xml.rels')).toContain('../drawings/drawing1.xml')
      const charts = workbook.getWorksheet('Graphiques')!
      expect([2, 3, 4, 5].map((r) => charts.getCell(`A${r}`).value)).toEqual([
        'Prospect',
        'Qualification',
        'Proposition',
        'Signé',
      ])
      const counted = [2, 3, 4, 5].reduce((s, r) => s + Number(charts.getCell(`B${r}`).value), 0)
      expect(counted).toBe(rowCount)
    },
  )
})

describe('PDF', () => {
  test(
    'the report prints the firm, filters, KPIs, French characters, ' +
      '€ with narrow no-break spaces, and "Page n / N"',
    async () => {
      const res = await download(sales, '/api/v1/exports/organisations.pdf?stage=PROPOSITION')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const { text, pages } = pdfText(res.bytes)
      expect(text).toContain('CRM Distribution')
      expect(text).toContain('Organisations — rapport')
      expect(text).toContain('Filtres : Étape : Proposition')
      expect(text).toContain('Montant total')
      expect(text).toContain('Synthèse par étape')
      expect(text).toContain(`${marker} « Œuvre »`)
      expect(text).toContain('Émetteur')
      expect(text).toContain(`Page 1 / ${pages}`)
      expect(text).toContain(`Page ${pages} / ${pages}`)
      // 1 234 568 € as fr-FR writes it: U+202F between thousands (pdftotext may give it back as a space).
      expect(text).toMatch(new RegExp(`1[${NNBSP} ]234[${NNBSP} ]568[\u00A0 ]€`))
    },
  )

  test('a mandate sheet lists its number, organisation, products with ISIN and a signature block', async () => {
    const org = (await sales.post('/api/v1/organisations', { name: unique('Mandante Écully'), type: 'DISTRIBUTEUR' }))
      .body
    const products = (await sales.get('/api/v1/products?limit=2')).body.data
    const mandate = (
      await sales.post('/api/v1/mandats', {
        organisationId: org.id,
        productIds: products.map((p: any) => p.id),
        amount: '250000',
        startDate: '2026-01-01',
      })
    ).body
    const res = await download(sales, `/api/v1/mandats/${mandate.id}.pdf`)
    expect(res.status).toBe(200)
    const { text } = pdfText(res.bytes)
    expect(text).toContain(`N° ${mandate.number}`)
    expect(text).toContain(org.name)
    for (const p of products) expect(text).toContain(p.isin)
    expect(text).toContain('01/01/2026')
    expect(text).toMatch(/250[\u202F ]000,00[\u00A0 ]€/)
    expect(text).toContain('Nom, qualité et signature')
    expect((await download(await as('sales2'), `/api/v1/mandats/${mandate.id}.pdf`)).status).toBe(404)
    expect((await download(await as('viewer'), `/api/v1/mandats/${mandate.id}.pdf`)).status).toBe(403)
  })
})
