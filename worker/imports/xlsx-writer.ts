// A small .xlsx writer for what imports hand out (templates, the error report): inline strings,
// a bold header, green / red / grey rows, a frozen first row. Rows are deflated in pieces as they
// come, so a 100,000-row report never holds its whole XML in memory.
import { Zip, ZipDeflate, strToU8 } from 'fflate'

export const STYLE = { plain: 0, header: 1, ok: 2, error: 3, skipped: 4 } as const
export type XlsxRow = { cells: (string | number | null | undefined)[]; style?: number }
export type XlsxSheet = { name: string; widths?: number[]; rows: Iterable<XlsxRow[]> | AsyncIterable<XlsxRow[]> }

const esc = (s: string) =>
  s
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
    // Characters XML 1.0 cannot carry (control characters from a bad source file).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

const colName = (i: number) => {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

function rowXml(r: number, row: XlsxRow) {
  const s = row.style ? ` s="${row.style}"` : ''
  let out = `<row r="${r}">`
  row.cells.forEach((v, i) => {
    if (v === null || v === undefined || v === '') {
      if (row.style) out += `<c r="${colName(i)}${r}"${s}/>`
      return
    }
    out +=
      typeof v === 'number'
        ? `<c r="${colName(i)}${r}"${s}><v>${v}</v></c>`
        : `<c r="${colName(i)}${r}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`
  })
  return `${out}</row>`
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
// Content type prefix of the workbook's own parts.
const SPREADSHEETML = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

const STYLES = [
  `${DECLARATION}\n`,
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>',
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>',
  '<fills count="5">',
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/></patternFill></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/></patternFill></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/></patternFill></fill>',
  '</fills>',
  '<borders count="1"><border/></borders>',
  '<cellStyleXfs count="1"><xf/></cellStyleXfs>',
  '<cellXfs count="5"><xf/><xf fontId="1" applyFont="1"/>',
  '<xf fillId="2" applyFill="1"/><xf fillId="3" applyFill="1"/><xf fillId="4" applyFill="1"/></cellXfs>',
  '</styleSheet>',
].join('')

export async function writeXlsx(sheets: XlsxSheet[]): Promise<Blob> {
  const out: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else out.push(chunk)
  })
  const add = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 6 })
    zip.add(f)
    f.push(strToU8(text), true)
  }
  const ns = 'http://schemas.openxmlformats.org'
  const rel = `${ns}/officeDocument/2006/relationships`
  add(
    '[Content_Types].xml',
    [
      DECLARATION,
      `<Types xmlns="${ns}/package/2006/content-types">`,
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
      '<Default Extension="xml" ContentType="application/xml"/>',
      `<Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEETML}.sheet.main+xml"/>`,
      `<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEETML}.styles+xml"/>`,
      ...sheets.map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SPREADSHEETML}.worksheet+xml"/>`,
      ),
      '</Types>',
    ].join(''),
  )
  add(
    '_rels/.rels',
    [
      DECLARATION,
      `<Relationships xmlns="${ns}/package/2006/relationships">`,
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/>`,
      '</Relationships>',
    ].join(''),
  )
  add(
    'xl/workbook.xml',
    [
      DECLARATION,
      `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>`,
      ...sheets.map((s, i) => `<sheet name="${esc(s.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
      '</sheets></workbook>',
    ].join(''),
  )
  add(
    'xl/_rels/workbook.xml.rels',
    [
      DECLARATION,
      `<Relationships xmlns="${ns}/package/2006/relationships">`,
      ...sheets.map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      ),
      `<Relationship Id="rId${sheets.length + 1}" Type="${rel}/styles" Target="styles.xml"/>`,
      '</Relationships>',
    ].join(''),
  )
  add('xl/styles.xml', STYLES)
  for (const [i, sheet] of sheets.entries()) {
    const f = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: 6 })
    zip.add(f)
    const cols = sheet.widths?.length
      ? [
          '<cols>',
          ...sheet.widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`),
          '</cols>',
        ].join('')
      : ''
    f.push(
      strToU8(
        [
          DECLARATION,
          `<worksheet xmlns="${ns}/spreadsheetml/2006/main">`,
          '<sheetViews><sheetView workbookViewId="0">',
          '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
          '</sheetView></sheetViews>',
          cols,
          '<sheetData>',
        ].join(''),
      ),
    )
    let r = 0
    for await (const batch of sheet.rows) f.push(strToU8(batch.map((row) => rowXml(++r, row)).join('')))
    f.push(strToU8('</sheetData></worksheet>'), true)
  }
  zip.end()
  if (failure) throw failure
  return new Blob(out as BlobPart[], { type: XLSX_TYPE })
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
