// The Excel workbook, streamed: rows are deflated into the zip as they arrive, so memory holds
// the compressed file and one page of rows, never the whole sheet as XML. Sheets: Données
// (typed cells, styled frozen header, auto-filter, widths), Statistiques, Graphiques (native
// bar and pie charts bound to the sheet's cells).
import { Zip, ZipDeflate, strToU8 } from 'fflate'
import type { CellValue, EntityLayout } from './export-columns.ts'
import { excelSerial } from './export-format.ts'
import { StatsCollector, groupOf, type ExportStats } from './export-stats.ts'
import { DRAWING, DRAWING_RELS, SHEET3_RELS, barChart, pieChart } from './xlsx-charts.ts'
import {
  CONTENT_TYPES,
  ROOT_RELS,
  STYLE,
  STYLES,
  WORKBOOK_RELS,
  colName,
  coreProps,
  esc,
  workbook,
} from './xlsx-parts.ts'

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
// Level 1: 100,000 rows deflate in a third of level 6's time for a file 15 % larger.
const LEVEL = 1

const str = (ref: string, s: string, style: number = STYLE.text) =>
  `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${esc(s)}</t></is></c>`
const num = (ref: string, n: number, style: number) => `<c r="${ref}" s="${style}"><v>${n}</v></c>`

export class XlsxWriter {
  private readonly chunks: Uint8Array[] = []
  private readonly zip: Zip
  private readonly sheet: ZipDeflate
  private readonly letters: string[]
  private readonly kinds: string[]
  private readonly stats: StatsCollector
  private readonly layout: EntityLayout
  private readonly meta: { title: string; author: string }
  private row = 1
  private done?: Promise<void>

  constructor(layout: EntityLayout, meta: { title: string; author: string }) {
    this.layout = layout
    this.meta = meta
    const { promise, resolve: finish, reject: fail } = Promise.withResolvers<void>()
    this.done = promise
    this.zip = new Zip((err, chunk, final) => {
      if (err) return fail(err)
      this.chunks.push(chunk)
      if (final) finish()
    })
    this.letters = layout.columns.map((_, i) => colName(i))
    this.kinds = layout.columns.map((c) => c.kind)
    this.stats = new StatsCollector(layout)
    this.sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: LEVEL })
    this.zip.add(this.sheet)
    const cols = layout.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    const header = layout.columns.map((c, i) => str(`${this.letters[i]}1`, c.header, STYLE.header)).join('')
    const head = [
      `${XML}<worksheet ${NS}><sheetPr filterMode="0"/><dimension ref="A1"/>`,
      '<sheetViews><sheetView workbookViewId="0" tabSelected="1">',
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols.join('')}</cols>`,
      `<sheetData><row r="1" ht="20" customHeight="1">${header}</row>`,
    ]
    this.sheet.push(strToU8(head.join('')))
  }

  get rowCount() {
    return this.row - 1
  }

  write(rows: CellValue[][]) {
    this.stats.add(rows)
    let xml = ''
    for (const cells of rows) {
      const r = ++this.row
      xml += `<row r="${r}">`
      for (let i = 0; i < cells.length; i++) {
        const v = cells[i]
        if (v === null || v === '' || v === undefined) continue
        const ref = this.letters[i]! + r
        if (v instanceof Date) xml += num(ref, excelSerial(v), STYLE.date)
        else if (typeof v === 'number') xml += num(ref, v, this.kinds[i] === 'money' ? STYLE.money : STYLE.int)
        else xml += str(ref, v)
      }
      xml += '</row>'
    }
    this.sheet.push(strToU8(xml))
  }

  // Closes the data sheet, adds the others and returns the file with the statistics it holds.
  async finish(): Promise<{ body: Blob; stats: ExportStats }> {
    const last = `${this.letters.at(-1)}${this.row}`
    const filterRef = `$A$1:$${this.letters.at(-1)}$${this.row}`
    const margins = '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    this.sheet.push(strToU8(`</sheetData><autoFilter ref="A1:${last}"/>${margins}</worksheet>`), true)
    const stats = this.stats.result()
    const add = (name: string, text: string) => {
      const f = new ZipDeflate(name, { level: LEVEL })
      this.zip.add(f)
      f.push(strToU8(text), true)
    }
    add('[Content_Types].xml', CONTENT_TYPES)
    add('_rels/.rels', ROOT_RELS)
    add('docProps/core.xml', coreProps(this.meta.title, this.meta.author, new Date()))
    add('xl/workbook.xml', workbook(filterRef))
    add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)
    add('xl/styles.xml', STYLES)
    add('xl/worksheets/sheet2.xml', statisticsSheet(stats))
    const { sheet, bar, pie } = chartsSheet(this.layout, stats)
    add('xl/worksheets/sheet3.xml', sheet)
    add('xl/worksheets/_rels/sheet3.xml.rels', SHEET3_RELS)
    add('xl/drawings/drawing1.xml', DRAWING)
    add('xl/drawings/_rels/drawing1.xml.rels', DRAWING_RELS)
    add('xl/charts/chart1.xml', bar)
    add('xl/charts/chart2.xml', pie)
    this.zip.end()
    await this.done
    return { body: new Blob(this.chunks as BlobPart[], { type: XLSX_TYPE }), stats }
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function statisticsSheet(stats: ExportStats) {
  let r = 0
  const rows: string[] = []
  const line = (cells: string) => rows.push(`<row r="${++r}">${cells}</row>`)
  line(str('A1', 'Statistiques', STYLE.title))
  line(`${str(`A${r + 1}`, 'Lignes exportées', STYLE.bold)}${num(`B${r + 1}`, stats.rows, STYLE.int)}`)
  line(`${str(`A${r + 1}`, 'Montant total', STYLE.bold)}${num(`B${r + 1}`, stats.amount, STYLE.boldMoney)}`)
  for (const g of stats.groups) {
    r++
    line(str(`A${r + 1}`, g.title, STYLE.title))
    line(['Valeur', 'Nombre', 'Montant'].map((h, i) => str(`${colName(i)}${r + 1}`, h, STYLE.header)).join(''))
    for (const l of g.lines) {
      const n = r + 1
      line(`${str(`A${n}`, l.label)}${num(`B${n}`, l.count, STYLE.int)}${num(`C${n}`, l.amount, STYLE.money)}`)
    }
  }
  return [
    `${XML}<worksheet ${NS}><cols>`,
    '<col min="1" max="1" width="34" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/>',
    '<col min="3" max="3" width="18" customWidth="1"/>',
    `</cols><sheetData>${rows.join('')}</sheetData></worksheet>`,
  ].join('')
}

// The charts' data: the bar grouping in A:C (label, count, amount), the pie grouping in E:F.
function chartsSheet(layout: EntityLayout, stats: ExportStats) {
  const barGroup = groupOf(stats, layout, layout.bar)
  const pieGroup = groupOf(stats, layout, layout.pie)
  const hasAmount = layout.amount !== undefined
  const height = Math.max(barGroup.lines.length, pieGroup.lines.length) + 1
  const rows: string[] = []
  for (let r = 1; r <= height; r++) {
    let cells = ''
    if (r === 1) {
      cells = [
        str('A1', barGroup.title, STYLE.header),
        str('B1', 'Nombre', STYLE.header),
        str('C1', 'Montant (€)', STYLE.header),
      ]
        .concat([str('E1', pieGroup.title, STYLE.header), str('F1', 'Nombre', STYLE.header)])
        .join('')
    } else {
      const b = barGroup.lines[r - 2]
      const p = pieGroup.lines[r - 2]
      if (b) cells += str(`A${r}`, b.label) + num(`B${r}`, b.count, STYLE.int) + num(`C${r}`, b.amount, STYLE.money)
      if (p) cells += str(`E${r}`, p.label) + num(`F${r}`, p.count, STYLE.int)
    }
    rows.push(`<row r="${r}">${cells}</row>`)
  }
  const barEnd = barGroup.lines.length + 1
  const pieEnd = pieGroup.lines.length + 1
  const sheet = [
    `${XML}<worksheet ${NS}><cols>`,
    '<col min="1" max="1" width="26" customWidth="1"/><col min="2" max="3" width="16" customWidth="1"/>',
    '<col min="5" max="5" width="26" customWidth="1"/><col min="6" max="6" width="12" customWidth="1"/>',
    `</cols><sheetData>${rows.join('')}</sheetData><drawing r:id="rId1"/></worksheet>`,
  ].join('')
  const valueCol = hasAmount ? 'C' : 'B'
  const bar = barChart(`${layout.title} — ${barGroup.title.toLowerCase()}${hasAmount ? ' (montants)' : ''}`, {
    name: hasAmount ? 'Montant (€)' : 'Nombre',
    nameRef: `Graphiques!$${valueCol}$1`,
    categories: `Graphiques!$A$2:$A$${barEnd}`,
    values: `Graphiques!$${valueCol}$2:$${valueCol}$${barEnd}`,
    count: barGroup.lines.length,
  })
  const pie = pieChart(`${layout.title} — ${pieGroup.title.toLowerCase()}`, {
    name: 'Nombre',
    nameRef: 'Graphiques!$F$1',
    categories: `Graphiques!$E$2:$E$${pieEnd}`,
    values: `Graphiques!$F$2:$F$${pieEnd}`,
    count: pieGroup.lines.length,
  })
  return { sheet, bar, pie }
}
