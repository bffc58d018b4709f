// What every PDF of the CRM shares: A4 pages, the embedded Inter font (subset to the glyphs a
// document uses, so a one-page sheet weighs a few kilobytes), text fitted to a width, tables
// whose header repeats on each page, and the "Page n / N" footer drawn once the count is known.
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb } from 'pdf-lib'
import { INTER_BOLD, INTER_REGULAR } from './fonts.generated.ts'

export const A4 = { width: 595.28, height: 841.89 } as const
export const MARGIN = 40
export const INK = rgb(0.12, 0.14, 0.18)
export const MUTED = rgb(0.42, 0.45, 0.5)
export const ACCENT = rgb(0.12, 0.31, 0.47)
export const RULE = rgb(0.85, 0.87, 0.9)
export const STRIPE = rgb(0.96, 0.97, 0.98)

function bytes(b64: string) {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined

export type Doc = { pdf: PDFDocument; font: PDFFont; bold: PDFFont }

export async function newDocument(title: string, author: string): Promise<Doc> {
  fontBytes ??= { regular: bytes(INTER_REGULAR), bold: bytes(INTER_BOLD) }
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  pdf.setTitle(title)
  pdf.setAuthor(author)
  pdf.setCreator('CRM Distribution')
  pdf.setLanguage('fr-FR')
  const font = await pdf.embedFont(fontBytes.regular, { subset: true })
  const bold = await pdf.embedFont(fontBytes.bold, { subset: true })
  return { pdf, font, bold }
}

// Inter's widest glyphs stay under 0.75 em: shorter strings fit without measuring them.
export function fitText(text: string, font: PDFFont, size: number, width: number) {
  if (text.length * size * 0.75 <= width) return text
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (font.widthOfTextAtSize(`${text.slice(0, mid)}…`, size) <= width) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo).trimEnd()}…`
}

export type TableColumn = { header: string; width: number; align?: 'left' | 'right' }
export type TableOptions = {
  doc: Doc
  columns: TableColumn[]
  size?: number
  // Where the table starts on its first page (the report's summary sits above it).
  page: PDFPage
  y: number
  newPage: () => PDFPage
}

// Draws rows top to bottom, opening a page (with the header again) when one is full.
export function drawTable(rows: Iterable<string[]>, o: TableOptions) {
  const size = o.size ?? 8
  const rowHeight = size + 6
  const { font, bold } = o.doc
  let page = o.page
  let y = o.y
  let stripe = false
  const header = () => {
    page.drawRectangle({
      x: MARGIN,
      y: y - rowHeight + 3,
      width: A4.width - 2 * MARGIN,
      height: rowHeight,
      color: ACCENT,
    })
    let x = MARGIN + 3
    for (const c of o.columns) {
      const text = fitText(c.header, bold, size, c.width - 6)
      const dx = c.align === 'right' ? c.width - 6 - bold.widthOfTextAtSize(text, size) : 0
      page.drawText(text, { x: x + dx, y: y - size, size, font: bold, color: rgb(1, 1, 1) })
      x += c.width
    }
    y -= rowHeight
  }
  header()
  let layer = new RawLayer(page, font)
  for (const cells of rows) {
    if (y - rowHeight < MARGIN + 20) {
      layer.flush()
      page = o.newPage()
      y = A4.height - MARGIN
      header()
      layer = new RawLayer(page, font)
    }
    stripe = !stripe
    if (stripe) layer.rect(MARGIN, y - rowHeight + 3, A4.width - 2 * MARGIN, rowHeight, STRIPE)
    let x = MARGIN + 3
    for (let i = 0; i < o.columns.length; i++) {
      const c = o.columns[i]!
      const text = fitText(cells[i] ?? '', font, size, c.width - 6)
      if (text) {
        const dx = c.align === 'right' ? c.width - 6 - font.widthOfTextAtSize(text, size) : 0
        layer.text(text, x + dx, y - size, size, INK)
      }
      x += c.width
    }
    y -= rowHeight
  }
  layer.flush()
  return { page, y }
}

// A table's rows as content-stream text, one page at a time: pdf-lib's drawText builds a dozen
// operator objects per cell (and a graphics state push/pop), most of a long report's time.
class RawLayer {
  private readonly ops: string[] = []
  private readonly key: string
  private readonly page: PDFPage
  private readonly font: PDFFont

  constructor(page: PDFPage, font: PDFFont) {
    this.page = page
    this.font = font
    this.key = page.node.newFontDictionary(font.name, font.ref).asString()
  }

  text(s: string, x: number, y: number, size: number, c: RGB) {
    const hex = this.font.encodeText(s).toString()
    this.ops.push(`BT ${this.key} ${size} Tf ${colour(c)} rg ${x.toFixed(2)} ${y.toFixed(2)} Td ${hex} Tj ET`)
  }

  rect(x: number, y: number, w: number, h: number, c: RGB) {
    this.ops.push(`${colour(c)} rg ${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re f`)
  }

  flush() {
    if (!this.ops.length) return
    const context = this.page.doc.context
    const stream = context.flateStream(`q\n${this.ops.join('\n')}\nQ\n`)
    this.page.node.addContentStream(context.register(stream))
    this.ops.length = 0
  }
}

const colour = (c: RGB) => `${c.red.toFixed(3)} ${c.green.toFixed(3)} ${c.blue.toFixed(3)}`

export function drawFooters(doc: Doc, left: string) {
  const pages = doc.pdf.getPages()
  pages.forEach((page, i) => {
    const label = `Page ${i + 1} / ${pages.length}`
    page.drawText(fitText(left, doc.font, 7, 380), { x: MARGIN, y: 22, size: 7, font: doc.font, color: MUTED })
    const w = doc.font.widthOfTextAtSize(label, 7)
    page.drawText(label, { x: A4.width - MARGIN - w, y: 22, size: 7, font: doc.font, color: MUTED })
  })
}

export const PDF_TYPE = 'application/pdf'
