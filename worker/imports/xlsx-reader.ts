// Reads the rows of one sheet of an .xlsx: cached values of formulas, shared and inline strings,
// dates as dates (1900 and 1904 systems), the first visible sheet unless another is named.
// No npm `xlsx` (stale on npm, CVEs on untrusted files): fflate inflates, xml-stream tokenizes.
import { FileRefused, MAX_CELL_CHARS, MAX_COLUMNS, MAX_SHEET_XML_BYTES } from './file-limits.ts'
import { XmlStream } from './xml-stream.ts'
import { partTexts, readPart, streamPart, zipEntries, type ZipEntry } from './zip-guard.ts'

type Sheet = { name: string; rid: string; hidden: boolean }

function parseAll(xml: string, onOpen: (name: string, attrs: Record<string, string>) => void) {
  new XmlStream({ open: onOpen, close() {}, text() {} }).push(xml, true)
}

// Built-in date formats (ECMA-376 18.8.30) and custom codes with day/month/year/hour letters.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57])
const isDateCode = (code: string) => /[dyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''))

export function excelSerialToIso(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)
  const ms = Math.round((epoch + serial * 86_400_000) / 1000) * 1000
  const iso = new Date(ms).toISOString()
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19)
}

function columnIndex(ref: string | undefined, fallback: number) {
  if (!ref) return fallback
  let n = 0
  for (const ch of ref) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n - 1
}

// Numbers as a spreadsheet shows them: 15 significant digits, no float noise (0.30000000000000004).
const showNumber = (v: string) => {
  const n = Number(v)
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : v
}

export type XlsxSheet = { sheetName: string; sheetNames: string[]; rows: Generator<[number, string[]]> }

// The workbook's small parts are read at once; the chosen sheet's rows come from `rows`, a
// generator over the inflating sheet (its XML, often 10x the file, is never held whole).
export function openXlsx(bytes: Uint8Array, { sheet: wanted }: { sheet?: string } = {}): XlsxSheet {
  const entries = new Map<string, ZipEntry>(zipEntries(bytes).map((e) => [e.name, e]))
  const part = (name: string) => entries.get(name)
  const workbookEntry = part('xl/workbook.xml')
  if (!workbookEntry) throw new FileRefused('Ce fichier n’est pas un classeur Excel (.xlsx).')

  const sheets: Sheet[] = []
  let date1904 = false
  parseAll(readPart(bytes, workbookEntry), (name, a) => {
    if (name === 'sheet')
      sheets.push({ name: a.name ?? '', rid: a.id ?? '', hidden: !!a.state && a.state !== 'visible' })
    if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true'
  })
  const targets = new Map<string, string>()
  let sharedStringsPath = 'xl/sharedStrings.xml'
  const rels = part('xl/_rels/workbook.xml.rels')
  if (rels) {
    parseAll(readPart(bytes, rels), (name, a) => {
      if (name !== 'Relationship' || !a.Target) return
      const path = a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`
      targets.set(a.Id ?? '', path)
      if (a.Type?.endsWith('/sharedStrings')) sharedStringsPath = path
    })
  }
  const chosen = wanted ? sheets.find((s) => s.name === wanted) : sheets.find((s) => !s.hidden)
  if (!chosen)
    throw new FileRefused(wanted ? `La feuille « ${wanted} » n’existe pas.` : 'Le classeur n’a aucune feuille visible.')
  const sheetEntry = part(targets.get(chosen.rid) ?? '')
  if (!sheetEntry) throw new FileRefused('Classeur incomplet : la feuille choisie manque.')

  const customFormats = new Map<number, string>()
  const dateStyles: boolean[] = []
  const styles = part('xl/styles.xml')
  if (styles) {
    let inCellXfs = false
    new XmlStream({
      open(name, a) {
        if (name === 'numFmt') customFormats.set(Number(a.numFmtId), a.formatCode ?? '')
        if (name === 'cellXfs') inCellXfs = true
        if (name === 'xf' && inCellXfs) {
          const id = Number(a.numFmtId ?? 0)
          dateStyles.push(DATE_FORMAT_IDS.has(id) || isDateCode(customFormats.get(id) ?? ''))
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false
      },
      text() {},
    }).push(readPart(bytes, styles), true)
  }

  const shared: string[] = []
  const sst = part(sharedStringsPath)
  if (sst) {
    let current = ''
    let inT = false
    let inPhonetic = false
    const xml = new XmlStream({
      open(name) {
        if (name === 'si') current = ''
        else if (name === 't' && !inPhonetic) inT = true
        else if (name === 'rPh') inPhonetic = true
      },
      close(name) {
        if (name === 'si') shared.push(current)
        else if (name === 't') inT = false
        else if (name === 'rPh') inPhonetic = false
      },
      text(v) {
        if (inT) current += v
      },
    })
    streamPart(bytes, sst, (t, final) => xml.push(t, final))
  }

  let rowNumber = 0
  const ready: [number, string[]][] = []
  let cells: string[] = []
  let col = -1
  let type = ''
  let style = 0
  let value = ''
  let capture = false
  const sheetXml = new XmlStream({
    open(name, a) {
      if (name === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1
        cells = []
        col = -1
      } else if (name === 'c') {
        col = columnIndex(a.r, col + 1)
        if (col >= MAX_COLUMNS)
          throw new FileRefused(`Plus de ${MAX_COLUMNS} colonnes : ce fichier n’est pas une liste de fiches.`)
        type = a.t ?? 'n'
        style = Number(a.s ?? 0)
        value = ''
      } else if (name === 'v' || (name === 't' && type === 'inlineStr')) {
        capture = true
      }
    },
    close(name) {
      if (name === 'v' || name === 't') capture = false
      else if (name === 'c') {
        if (value === '') return
        let shown = value
        if (type === 's') shown = shared[Number(value)] ?? ''
        else if (type === 'b') shown = value === '1' ? 'VRAI' : 'FAUX'
        else if (type === 'n') shown = dateStyles[style] ? excelSerialToIso(Number(value), date1904) : showNumber(value)
        if (shown.length > MAX_CELL_CHARS) {
          throw new FileRefused(`Ligne ${rowNumber} : une cellule dépasse ${MAX_CELL_CHARS} caractères.`)
        }
        while (cells.length < col) cells.push('')
        cells[col] = shown
      } else if (name === 'row') {
        if (cells.some((c) => c.trim() !== '')) ready.push([rowNumber, cells])
      }
    },
    text(v) {
      if (capture) value += v
    },
  })
  function* rows() {
    for (const [text, final] of partTexts(bytes, sheetEntry!, MAX_SHEET_XML_BYTES)) {
      sheetXml.push(text, final)
      yield* ready.splice(0)
    }
  }
  return { sheetName: chosen.name, sheetNames: sheets.filter((s) => !s.hidden).map((s) => s.name), rows: rows() }
}
