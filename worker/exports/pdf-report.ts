// The PDF report of a list: firm, title, date and filters, KPIs, the summary by stage (or the
// entity's main grouping) as a table and a vector bar chart, then the rows as a table whose
// header repeats on every page, and "Page n / N" at the foot.
import type { PDFPage } from 'pdf-lib'
import { rgb } from 'pdf-lib'
import type { CellValue, EntityLayout } from './export-columns.ts'
import { euros, frenchDate, integer, longDate } from './export-format.ts'
import { groupOf, type ExportStats } from './export-stats.ts'
import {
  A4,
  ACCENT,
  INK,
  MARGIN,
  MUTED,
  RULE,
  drawFooters,
  drawTable,
  fitText,
  newDocument,
  type Doc,
} from './pdf-kit.ts'

export type ReportMeta = { firm: string; author: string; filters: string[]; at: Date }

const BAR_COLOURS = [rgb(0.12, 0.31, 0.47), rgb(0.18, 0.53, 0.76), rgb(0.28, 0.79, 0.69), rgb(0.96, 0.69, 0.25)]

export async function renderReport(layout: EntityLayout, rows: CellValue[][], stats: ExportStats, meta: ReportMeta) {
  const title = `${layout.title} — rapport`
  const doc = await newDocument(title, meta.author)
  const newPage = () => doc.pdf.addPage([A4.width, A4.height])
  const page = newPage()
  let y = A4.height - MARGIN
  const text = (s: string, x: number, size: number, opts: { bold?: boolean; colour?: typeof INK } = {}) =>
    page.drawText(s, { x, y, size, font: opts.bold ? doc.bold : doc.font, color: opts.colour ?? INK })

  text(meta.firm, MARGIN, 10, { bold: true, colour: ACCENT })
  const dated = `Édité le ${longDate(meta.at)}`
  page.drawText(dated, {
    x: A4.width - MARGIN - doc.font.widthOfTextAtSize(dated, 9),
    y,
    size: 9,
    font: doc.font,
    color: MUTED,
  })
  y -= 30
  text(title, MARGIN, 20, { bold: true })
  y -= 18
  text(
    fitText(`Par ${meta.author} · ${integer(stats.rows)} ligne${stats.rows > 1 ? 's' : ''}`, doc.font, 9, 515),
    MARGIN,
    9,
    { colour: MUTED },
  )
  y -= 14
  const filters = meta.filters.length ? meta.filters.join(' ; ') : 'aucun (toutes les lignes que vous pouvez voir)'
  for (const line of wrap(`Filtres : ${filters}`, doc, 9, A4.width - 2 * MARGIN).slice(0, 3)) {
    text(line, MARGIN, 9, { colour: MUTED })
    y -= 12
  }
  y -= 8
  y = drawKpis(page, doc, y, kpis(layout, stats))
  const group = groupOf(stats, layout, layout.bar)
  const hasAmount = layout.amount !== undefined
  y -= 18
  text(`Synthèse ${group.title.toLowerCase()}`, MARGIN, 12, { bold: true })
  y -= 8
  const summary = group.lines.map((l) => [
    l.label,
    integer(l.count),
    hasAmount ? euros(l.amount) : '',
    stats.rows ? `${((100 * l.count) / stats.rows).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %` : '',
  ])
  const total = ['Total', integer(stats.rows), hasAmount ? euros(stats.amount) : '', stats.rows ? '100 %' : '']
  const afterSummary = drawTable([...summary, total], {
    doc,
    page,
    y,
    newPage,
    size: 9,
    columns: [
      { header: group.title.replace(/^Par /, '').replace(/^./, (c) => c.toUpperCase()), width: 200 },
      { header: 'Nombre', width: 80, align: 'right' },
      { header: 'Montant', width: 130, align: 'right' },
      { header: 'Part', width: 105, align: 'right' },
    ],
  })
  y = drawBars(afterSummary.page, doc, afterSummary.y - 16, group.lines.slice(0, 8), hasAmount)

  const listColumns = layout.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.pdfWidth)
  const scale = (A4.width - 2 * MARGIN) / listColumns.reduce((s, { c }) => s + c.pdfWidth!, 0)
  let listPage: PDFPage = afterSummary.page
  if (y < 160) {
    listPage = newPage()
    y = A4.height - MARGIN
  }
  listPage.drawText('Liste', { x: MARGIN, y: y - 4, size: 12, font: doc.bold, color: INK })
  drawTable(
    (function* () {
      for (const r of rows) yield listColumns.map(({ i }) => cellText(r[i] ?? null, layout.columns[i]!.kind))
    })(),
    {
      doc,
      page: listPage,
      y: y - 14,
      newPage,
      columns: listColumns.map(({ c }) => ({
        header: c.header,
        width: c.pdfWidth! * scale,
        align: c.kind === 'money' || c.kind === 'int' ? 'right' : 'left',
      })),
    },
  )
  drawFooters(doc, `${meta.firm} · ${title} · ${frenchDate(meta.at)}`)
  return doc.pdf.save({ useObjectStreams: true })
}

function cellText(v: CellValue, kind: string) {
  if (v === null) return ''
  if (v instanceof Date) return frenchDate(v)
  if (typeof v === 'number') return kind === 'money' ? euros(v) : integer(v)
  return v
}

function kpis(layout: EntityLayout, stats: ExportStats): [string, string][] {
  const out: [string, string][] = [['Lignes', integer(stats.rows)]]
  if (layout.amount !== undefined) {
    out.push(['Montant total', euros(stats.amount)])
    out.push(['Montant moyen', stats.rows ? euros(stats.amount / stats.rows) : '—'])
  }
  const main = groupOf(stats, layout, layout.bar).lines.filter((l) => l.count > 0)
  const top = [...main].sort((a, b) => b.count - a.count)[0]
  if (top) out.push([`Le plus fréquent : ${top.label}`, integer(top.count)])
  return out.slice(0, 4)
}

function drawKpis(page: PDFPage, doc: Doc, y: number, items: [string, string][]) {
  const gap = 10
  const width = (A4.width - 2 * MARGIN - gap * (items.length - 1)) / items.length
  items.forEach(([label, value], i) => {
    const x = MARGIN + i * (width + gap)
    page.drawRectangle({
      x,
      y: y - 50,
      width,
      height: 50,
      borderColor: RULE,
      borderWidth: 1,
      color: rgb(0.97, 0.98, 1),
    })
    page.drawText(fitText(label, doc.font, 8, width - 16), {
      x: x + 8,
      y: y - 16,
      size: 8,
      font: doc.font,
      color: MUTED,
    })
    // Large amounts shrink to fit their box rather than lose digits.
    let size = 15
    while (size > 8 && doc.bold.widthOfTextAtSize(value, size) > width - 16) size--
    page.drawText(fitText(value, doc.bold, size, width - 16), { x: x + 8, y: y - 38, size, font: doc.bold, color: INK })
  })
  return y - 50
}

// Horizontal bars, one per category, drawn as rectangles (vectors, sharp at any zoom).
function drawBars(
  page: PDFPage,
  doc: Doc,
  top: number,
  lines: { label: string; count: number; amount: number }[],
  amounts: boolean,
) {
  const value = (l: { count: number; amount: number }) => (amounts ? l.amount : l.count)
  const max = Math.max(1, ...lines.map(value))
  const labelWidth = 120
  const barMax = A4.width - 2 * MARGIN - labelWidth - 110
  let y = top
  page.drawText(amounts ? 'Montants' : 'Nombre de lignes', { x: MARGIN, y, size: 9, font: doc.bold, color: MUTED })
  y -= 8
  lines.forEach((l, i) => {
    y -= 18
    page.drawText(fitText(l.label, doc.font, 9, labelWidth - 8), {
      x: MARGIN,
      y: y + 4,
      size: 9,
      font: doc.font,
      color: INK,
    })
    const w = Math.max(1, (barMax * value(l)) / max)
    page.drawRectangle({ x: MARGIN + labelWidth, y, width: w, height: 13, color: BAR_COLOURS[i % BAR_COLOURS.length] })
    const v = amounts ? euros(l.amount) : integer(l.count)
    page.drawText(v, { x: MARGIN + labelWidth + w + 6, y: y + 3, size: 9, font: doc.font, color: INK })
  })
  page.drawLine({
    start: { x: MARGIN + labelWidth, y: top - 8 },
    end: { x: MARGIN + labelWidth, y: y - 2 },
    thickness: 0.7,
    color: MUTED,
  })
  return y - 10
}

function wrap(s: string, doc: Doc, size: number, width: number) {
  const lines: string[] = []
  let line = ''
  for (const word of s.split(' ')) {
    const next = line ? `${line} ${word}` : word
    if (doc.font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}
